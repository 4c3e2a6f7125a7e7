//! Just enough of PDF for the print journeys: counting a PDF's pages from its bytes, with
//! the object streams that hold them in some producers' files (Firefox's cairo writes its
//! page dictionaries into FlateDecode object streams) inflated first. The inflater is
//! RFC 1950/1951 (zlib, deflate: stored, fixed and dynamic Huffman blocks), written here
//! so the tests need no compression crate; it is checked against the `pdfinfo` counts of
//! real Chromium and Firefox prints.

/// The number of pages: page objects (`/Type /Page`, not the `/Pages` tree nodes), in the
/// file's plain text and in every FlateDecode stream that inflates.
pub fn count_pages(pdf: &[u8]) -> usize {
    let mut count = count_page_objects(pdf);
    for stream in flate_streams(pdf) {
        if let Some(plain) = inflate_zlib(stream) {
            count += count_page_objects(&plain);
        }
    }
    count
}

/// `/Type /Page` (or `/Type/Page`) not followed by a letter or digit, in `bytes`.
pub fn count_page_objects(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while let Some(at) = find(&bytes[i..], b"/Type") {
        let mut j = i + at + b"/Type".len();
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes[j..].starts_with(b"/Page")
            && !bytes
                .get(j + b"/Page".len())
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            count += 1;
        }
        i = j;
    }
    count
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The raw data of every stream whose dictionary names `/FlateDecode`.
fn flate_streams(pdf: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = find(&pdf[i..], b"stream") {
        let start = i + at;
        let dict_from = start.saturating_sub(300);
        let is_keyword = !pdf[..start].ends_with(b"end");
        let mut data = start + b"stream".len();
        if pdf.get(data) == Some(&b'\r') {
            data += 1;
        }
        if pdf.get(data) == Some(&b'\n') {
            data += 1;
        }
        let Some(len) = find(&pdf[data..], b"endstream") else {
            break;
        };
        if is_keyword && find(&pdf[dict_from..start], b"/FlateDecode").is_some() {
            out.push(&pdf[data..data + len]);
        }
        i = data + len + b"endstream".len();
    }
    out
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    bit: u32,
}

impl Bits<'_> {
    fn bit(&mut self) -> Option<u32> {
        let byte = *self.data.get(self.pos)?;
        let b = (u32::from(byte) >> self.bit) & 1;
        self.bit += 1;
        if self.bit == 8 {
            self.bit = 0;
            self.pos += 1;
        }
        Some(b)
    }

    fn bits(&mut self, n: u32) -> Option<u32> {
        let mut v = 0;
        for i in 0..n {
            v |= self.bit()? << i;
        }
        Some(v)
    }
}

/// A canonical Huffman code: symbols by code length, and how many codes of each length.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Huffman {
        let mut counts = [0u16; 16];
        for &l in lengths {
            counts[usize::from(l)] += 1;
        }
        counts[0] = 0;
        let mut offsets = [0u16; 16];
        for l in 1..16 {
            offsets[l] = offsets[l - 1] + counts[l - 1];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (s, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbols[usize::from(offsets[usize::from(l)])] = s as u16;
                offsets[usize::from(l)] += 1;
            }
        }
        Huffman { counts, symbols }
    }

    fn decode(&self, bits: &mut Bits) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.bit()? as i32;
            let count = i32::from(self.counts[len]);
            if code - count < first {
                return self.symbols.get((index + code - first) as usize).copied();
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        None
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Inflates zlib data (a two-byte header, then deflate); `None` when it is not.
pub fn inflate_zlib(data: &[u8]) -> Option<Vec<u8>> {
    let (cmf, flg) = (*data.first()?, *data.get(1)?);
    if cmf & 0x0f != 8 || (u16::from(cmf) << 8 | u16::from(flg)) % 31 != 0 {
        return None;
    }
    inflate(&data[2..])
}

/// Inflates raw deflate data (RFC 1951).
pub fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut bits = Bits {
        data,
        pos: 0,
        bit: 0,
    };
    let mut out: Vec<u8> = Vec::new();
    loop {
        let last = bits.bit()?;
        match bits.bits(2)? {
            0 => {
                if bits.bit != 0 {
                    bits.bit = 0;
                    bits.pos += 1;
                }
                let p = bits.pos;
                let len = usize::from(u16::from_le_bytes([*data.get(p)?, *data.get(p + 1)?]));
                let start = p + 4;
                out.extend_from_slice(data.get(start..start + len)?);
                bits.pos = start + len;
            }
            1 => {
                let mut lengths = [0u8; 288];
                for (i, l) in lengths.iter_mut().enumerate() {
                    *l = match i {
                        0..=143 => 8,
                        144..=255 => 9,
                        256..=279 => 7,
                        _ => 8,
                    };
                }
                let lit = Huffman::new(&lengths);
                let dist = Huffman::new(&[5u8; 30]);
                block(&mut bits, &mut out, &lit, &dist)?;
            }
            2 => {
                let hlit = bits.bits(5)? as usize + 257;
                let hdist = bits.bits(5)? as usize + 1;
                let hclen = bits.bits(4)? as usize + 4;
                const ORDER: [usize; 19] = [
                    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
                ];
                let mut code_lengths = [0u8; 19];
                for &o in ORDER.iter().take(hclen) {
                    code_lengths[o] = bits.bits(3)? as u8;
                }
                let codes = Huffman::new(&code_lengths);
                let mut lengths = Vec::with_capacity(hlit + hdist);
                while lengths.len() < hlit + hdist {
                    match codes.decode(&mut bits)? {
                        s @ 0..=15 => lengths.push(s as u8),
                        16 => {
                            let prev = *lengths.last()?;
                            for _ in 0..3 + bits.bits(2)? {
                                lengths.push(prev);
                            }
                        }
                        17 => lengths.extend(std::iter::repeat_n(0, 3 + bits.bits(3)? as usize)),
                        _ => lengths.extend(std::iter::repeat_n(0, 11 + bits.bits(7)? as usize)),
                    }
                }
                let lit = Huffman::new(&lengths[..hlit]);
                let dist = Huffman::new(&lengths[hlit..]);
                block(&mut bits, &mut out, &lit, &dist)?;
            }
            _ => return None,
        }
        if last == 1 {
            return Some(out);
        }
    }
}

fn block(bits: &mut Bits, out: &mut Vec<u8>, lit: &Huffman, dist: &Huffman) -> Option<()> {
    loop {
        let symbol = lit.decode(bits)?;
        match symbol {
            0..=255 => out.push(symbol as u8),
            256 => return Some(()),
            _ => {
                let i = usize::from(symbol - 257);
                let len = usize::from(*LEN_BASE.get(i)?)
                    + bits.bits(u32::from(*LEN_EXTRA.get(i)?))? as usize;
                let d = usize::from(dist.decode(bits)?);
                let back = usize::from(*DIST_BASE.get(d)?)
                    + bits.bits(u32::from(*DIST_EXTRA.get(d)?))? as usize;
                let from = out.len().checked_sub(back)?;
                for k in 0..len {
                    out.push(out[from + k]);
                }
            }
        }
    }
}
