//! Deflated JSON, for what the store keeps whole but reads rarely: exchange bases and the
//! changes of an import's audit entry. Text stored before is read as it is: JSON starts with
//! `{` or `[`, a zlib stream never does (its first byte is 0x78).

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use std::io::{Read, Write};

pub(super) fn pack(json: &str) -> Vec<u8> {
    let mut packed = ZlibEncoder::new(Vec::new(), Compression::default());
    packed
        .write_all(json.as_bytes())
        .and_then(|()| packed.finish())
        .expect("deflating into memory does not fail")
}

/// The JSON bytes of `stored`, or `None` where they do not inflate.
pub(super) fn unpack(stored: &[u8]) -> Option<Vec<u8>> {
    if matches!(stored.first(), Some(b'{' | b'[')) {
        return Some(stored.to_vec());
    }
    let mut json = Vec::new();
    ZlibDecoder::new(stored).read_to_end(&mut json).ok()?;
    Some(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_json_comes_back_and_plain_json_reads_as_it_is() {
        let json = r#"{"answers":{"D21":{"number":14235.0}},"text":"ā č ē ģ ī ķ ļ ņ š ū ž"}"#;
        let packed = pack(json);
        assert_ne!(packed, json.as_bytes());
        assert_eq!(unpack(&packed).unwrap(), json.as_bytes());
        assert_eq!(unpack(json.as_bytes()).unwrap(), json.as_bytes());
        assert_eq!(unpack(b"[1,2]").unwrap(), b"[1,2]");
        assert_eq!(unpack(&packed[..packed.len() / 2]), None, "a cut stream");
    }
}
