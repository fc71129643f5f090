//! Photos of clothes sent with a request. The file is trusted for nothing: its type is read
//! from its content (JPEG, PNG or WebP), it is decoded under size limits, turned upright,
//! shrunk and re-encoded as a JPEG, so neither location data (EXIF) nor an oversized image is
//! ever kept.

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, codecs::jpeg::JpegEncoder,
    imageops::FilterType,
};
use std::io::Cursor;

/// The most a photo may weigh as sent: a phone's full-size photo.
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;
/// The longest side kept: enough to see a hem or a zip on a phone or a desk screen.
const MAX_SIDE: u32 = 1600;
const JPEG_QUALITY: u8 = 80;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPhoto {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Checks and re-encodes a photo, or says why not (an error key). CPU-bound: call it from
/// `spawn_blocking`.
pub fn reencode(bytes: &[u8]) -> Result<StoredPhoto, &'static str> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err("photo_too_large");
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "photo_not_image")?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err("photo_not_image");
    }
    // A small file may still claim enormous dimensions (a "decompression bomb").
    let mut limits = Limits::default();
    limits.max_image_width = Some(10_000);
    limits.max_image_height = Some(10_000);
    limits.max_alloc = Some(400 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| "photo_not_image")?;
    let orientation = decoder.orientation().map_err(|_| "photo_not_image")?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| "photo_not_image")?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > MAX_SIDE {
        image = image.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    let rgb = image.to_rgb8();
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|_| "photo_not_image")?;
    Ok(StoredPhoto {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// `GET /equipe/retouches/photo/{item_id}`: a request's photo, for staff only (401/403/404 in
/// French otherwise). A plain route: an image is not a server function's JSON.
pub async fn serve(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
    axum::extract::Path(item_id): axum::extract::Path<String>,
    request: axum::extract::Request,
) -> axum::response::Response {
    use crate::{accounts::session::Session, error::AppError};
    use axum::{http::header, response::IntoResponse};
    match request.extensions().get::<Session>() {
        None => return AppError::Unauthorized.into_response(),
        Some(session) if !session.user.role.is_staff() => {
            return AppError::Forbidden.into_response();
        }
        Some(_) => {}
    }
    let Ok(item_id) = item_id.parse::<i64>() else {
        return AppError::NotFound.into_response();
    };
    match super::repo::photo(&state.db.reader, item_id).await {
        Ok(Some(jpeg)) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                // A customer's garment: never in any HTTP cache.
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            jpeg,
        )
            .into_response(),
        Ok(None) => AppError::NotFound.into_response(),
        Err(error) => AppError::internal(error).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn encoded(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
        let image = ImageBuffer::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_to(&mut Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn large_photos_are_shrunk_and_become_jpeg() {
        let stored = reencode(&encoded(ImageFormat::Png, 3200, 1800)).unwrap();
        assert_eq!((stored.width, stored.height), (1600, 900));
        assert_eq!(
            image::guess_format(&stored.jpeg).unwrap(),
            ImageFormat::Jpeg
        );
        let small = reencode(&encoded(ImageFormat::WebP, 300, 200)).unwrap();
        assert_eq!((small.width, small.height), (300, 200));
    }

    #[test]
    fn metadata_is_not_kept() {
        // A JPEG with an EXIF segment (APP1) right after its start marker.
        let plain = encoded(ImageFormat::Jpeg, 64, 64);
        let exif: &[u8] = b"\xFF\xE1\x00\x16Exif\x00\x00GPS-Roubaix-50.69";
        let with_exif = [&plain[..2], exif, &plain[2..]].concat();
        let stored = reencode(&with_exif).unwrap();
        let kept = stored.jpeg.windows(4).any(|w| w == b"Exif");
        assert!(!kept, "EXIF must not survive re-encoding");
    }

    #[test]
    fn what_is_not_an_image_is_refused_whatever_its_name() {
        assert_eq!(reencode(b"%PDF-1.7 not a photo"), Err("photo_not_image"));
        assert_eq!(reencode(b""), Err("photo_not_image"));
        // A GIF is an image, but not one of the accepted kinds.
        assert_eq!(reencode(b"GIF89a\x01\x00\x01\x00"), Err("photo_not_image"));
        let truncated = &encoded(ImageFormat::Png, 100, 100)[..60];
        assert_eq!(reencode(truncated), Err("photo_not_image"));
        assert_eq!(
            reencode(&vec![0u8; MAX_PHOTO_BYTES + 1]),
            Err("photo_too_large")
        );
    }
}
