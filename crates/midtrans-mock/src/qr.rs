//! QR codes: the QRIS payload of a QR payment, and its image as the `generate-qr-code` URL
//! serves it.

use qrcode::{Color, QrCode};

/// Pixels per QR module, and the quiet zone around the code, in modules.
const SCALE: usize = 6;
const QUIET: usize = 4;

/// One EMVCo field: id, two-digit length, value (values here are always shorter than 100).
fn field(id: &str, value: &str) -> String {
    format!("{id}{:02}{value}", value.len().min(99))
}

/// A dynamic QRIS payload (EMVCo merchant-presented mode) for one transaction, ending in its
/// CRC-16/CCITT-FALSE as the standard requires.
pub(crate) fn qris_payload(merchant_id: &str, transaction_id: &str, amount: u64) -> String {
    let reference: String = transaction_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(25)
        .collect();
    let merchant: String = merchant_id.chars().take(15).collect();
    let account = [
        field("00", "COM.GO-JEK.WWW"),
        field("01", &format!("93600914{merchant}")),
        field("02", &merchant),
        field("03", "UMI"),
    ]
    .concat();
    let mut payload = [
        field("00", "01"),
        field("01", "12"),
        field("26", &account),
        field("52", "5812"),
        field("53", "360"),
        field("54", &amount.to_string()),
        field("58", "ID"),
        field("59", "MIDTRANS MOCK"),
        field("60", "JAKARTA"),
        field("62", &field("05", &reference)),
    ]
    .concat();
    payload.push_str("6304");
    let crc = crc::Crc::<u16>::new(&crc::CRC_16_IBM_3740).checksum(payload.as_bytes());
    payload.push_str(&format!("{crc:04X}"));
    payload
}

/// The QR code of `text` as a grayscale PNG; `None` if the text does not fit a QR code.
pub(crate) fn png(text: &str) -> Option<Vec<u8>> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = modules.checked_add(2 * QUIET)?.checked_mul(SCALE)?;
    let mut pixels = vec![255_u8; side.checked_mul(side)?];
    for (index, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (row, column) = (index / modules + QUIET, index % modules + QUIET);
        for y in row * SCALE..(row + 1) * SCALE {
            let start = y * side + column * SCALE;
            pixels.get_mut(start..start + SCALE)?.fill(0);
        }
    }
    let side = u32::try_from(side).ok()?;
    let mut image = Vec::new();
    let mut encoder = png::Encoder::new(&mut image, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some(image)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_qris_payload_ends_in_its_own_crc() {
        let payload = qris_payload("G123456789", "5f3c-abc", 44_000);
        assert!(payload.starts_with("000201010212"), "{payload}");
        assert!(payload.contains("5405440005802ID"), "{payload}");
        let (body, crc) = payload.split_at(payload.len() - 4);
        let expected = crc::Crc::<u16>::new(&crc::CRC_16_IBM_3740).checksum(body.as_bytes());
        assert_eq!(crc, format!("{expected:04X}"));
        // The standard's check value of CRC-16/CCITT-FALSE.
        let check = crc::Crc::<u16>::new(&crc::CRC_16_IBM_3740).checksum(b"123456789");
        assert_eq!(check, 0x29B1);
    }
}
