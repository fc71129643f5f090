//! Photos of clothes sent with a request. The file is trusted for nothing: its type is read
//! from its content (JPEG, PNG or WebP), it is decoded under size limits, turned upright,
//! shrunk and re-encoded as a JPEG, so neither location data (EXIF) nor an oversized image is
//! ever kept.

use crate::error::AppError;
use image::{
    DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits,
    codecs::jpeg::JpegEncoder, imageops::FilterType,
};
use std::{io::Cursor, sync::Arc, time::Duration};
use tokio::sync::Semaphore;

/// The most a photo may weigh as sent: a phone's full-size photo.
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;
/// The most pixels a photo may have, read from its header before anything is decoded:
/// 8192 × 6144 (50.3 MP), the full-size mode of the 50 MP phone sensors. 48 MP photos
/// (8000 × 6000, 8064 × 6048) and the usual 12 MP ones fit under it; the 64–200 MP modes weigh
/// more than `MAX_PHOTO_BYTES` as JPEG anyway. A 10,000 × 10,000 PNG of 0.3 MB does not.
pub const MAX_PIXELS: u64 = 8192 * 6144;
/// The longest side a photo may claim (a long panorama under `MAX_PIXELS` still fits).
const MAX_SIDE_SENT: u32 = 16_384;
/// What decoding one photo may allocate: `MAX_PIXELS` in 8-bit RGBA (a PNG with transparency),
/// ~201 MB. A 16-bit image of that size is refused as too many pixels.
const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 4;
/// The longest side kept: enough to see a hem or a zip on a phone or a desk screen.
const MAX_SIDE: u32 = 1600;
const JPEG_QUALITY: u8 = 80;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPhoto {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Checks and re-encodes a photo, or says why not (an error key). CPU-bound: call it through
/// [`DecodeGate::run`].
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
    // A small file may still claim enormous dimensions (a "decompression bomb"); the decoders
    // are given the same limits.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_SENT);
    limits.max_image_height = Some(MAX_SIDE_SENT);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    // Making the decoder reads the header only.
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    check_size(decoder.dimensions(), decoder.total_bytes())?;
    let orientation = decoder.orientation().map_err(refusal)?;
    // `from_decoder` does not hold to `max_alloc` itself: `check_size` did.
    let image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    // Shrunk before it is turned: the bound is a square, and turning the full-size image would
    // copy it whole.
    let mut image = shrink(image);
    image.apply_orientation(orientation);
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

/// Refuses what the header claims before a pixel is decoded.
fn check_size((width, height): (u32, u32), decoded_bytes: u64) -> Result<(), &'static str> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || decoded_bytes > MAX_DECODED_BYTES {
        return Err("photo_too_many_pixels");
    }
    Ok(())
}

fn refusal(error: ImageError) -> &'static str {
    match error {
        ImageError::Limits(_) => "photo_too_many_pixels",
        _ => "photo_not_image",
    }
}

/// Fits the image in `MAX_SIDE` × `MAX_SIDE`. From twice that size on, an area average: it
/// allocates only the result, where the Triangle filter keeps a float RGBA copy of
/// width × new height (157 MB for an 8192 × 6144 photo), and it is several times faster. Closer
/// to the bound, where an area average would alias, the Triangle filter.
fn shrink(image: DynamicImage) -> DynamicImage {
    let side = image.width().max(image.height());
    if side <= MAX_SIDE {
        image
    } else if side >= 2 * MAX_SIDE {
        image.thumbnail(MAX_SIDE, MAX_SIDE)
    } else {
        image.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle)
    }
}

/// How long a request waits for a free core before it is told to come back.
const DECODE_WAIT: Duration = Duration::from_secs(2);
/// What that answer asks the browser to wait.
const RETRY_AFTER_SECS: u64 = 5;

/// Bounds the photo decodes running at once (one per core): each may hold up to
/// `MAX_DECODED_BYTES` and a core for a second, so a burst of photos queues here instead of
/// taking every core and gigabytes of memory. A request that cannot get a turn within its wait
/// gets a 503 with `Retry-After`.
#[derive(Clone)]
pub struct DecodeGate {
    permits: Arc<Semaphore>,
    wait: Duration,
}

impl DecodeGate {
    pub fn new(permits: usize, wait: Duration) -> DecodeGate {
        DecodeGate {
            permits: Arc::new(Semaphore::new(permits)),
            wait,
        }
    }

    /// One decode per core of this machine.
    pub fn per_core() -> DecodeGate {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        DecodeGate::new(cores, DECODE_WAIT)
    }

    /// Runs `work` on a blocking thread once a turn is free.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Unavailable {
                retry_after_secs: RETRY_AFTER_SECS,
            })?
            .map_err(AppError::internal)?;
        // The permit goes with the work: if the client leaves, the thread still runs to its end
        // and the turn is only free then.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(AppError::internal)
    }
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

    /// A PNG of `width` × `height` black grey pixels: a few hundred KB that claim far more.
    fn png_bomb(width: u32, height: u32) -> Vec<u8> {
        use image::{
            ImageEncoder,
            codecs::png::{CompressionType, FilterType, PngEncoder},
        };
        let pixels = vec![0u8; width as usize * height as usize];
        let mut bytes = Vec::new();
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::NoFilter)
            .write_image(&pixels, width, height, image::ExtendedColorType::L8)
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
        // Under twice the bound: the other filter, the same fit.
        let medium = reencode(&encoded(ImageFormat::Jpeg, 2400, 1800)).unwrap();
        assert_eq!((medium.width, medium.height), (1600, 1200));
        let small = reencode(&encoded(ImageFormat::WebP, 300, 200)).unwrap();
        assert_eq!((small.width, small.height), (300, 200));
    }

    #[test]
    fn photos_are_turned_upright_after_shrinking() {
        // EXIF orientation 6 (turn 90° clockwise), big-endian TIFF, one IFD entry.
        let exif: &[u8] = b"\xFF\xE1\x00\x22Exif\x00\x00MM\x00\x2A\x00\x00\x00\x08\x00\x01\
            \x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00";
        let plain = encoded(ImageFormat::Jpeg, 3200, 1800);
        let turned = [&plain[..2], exif, &plain[2..]].concat();
        let stored = reencode(&turned).unwrap();
        assert_eq!((stored.width, stored.height), (900, 1600));
    }

    #[test]
    fn the_pixel_ceiling_lets_phone_photos_through() {
        let rgb = |w: u32, h: u32| ((w, h), u64::from(w) * u64::from(h) * 3);
        // 12 MP, 48 MP, the 50 MP sensors' full size, upright or not.
        for (w, h) in [
            (4000, 3000),
            (8000, 6000),
            (8064, 6048),
            (8192, 6144),
            (6144, 8192),
        ] {
            let (dimensions, bytes) = rgb(w, h);
            assert_eq!(check_size(dimensions, bytes), Ok(()), "{w} x {h}");
        }
        for (w, h) in [(10_000, 10_000), (8193, 6144), (16_384, 3073)] {
            let (dimensions, bytes) = rgb(w, h);
            assert_eq!(
                check_size(dimensions, bytes),
                Err("photo_too_many_pixels"),
                "{w} x {h}"
            );
        }
        // Under the pixel ceiling, but 16-bit RGBA: more memory than one decode may take.
        assert_eq!(
            check_size((8000, 6000), 8000 * 6000 * 8),
            Err("photo_too_many_pixels")
        );
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header() {
        let bomb = png_bomb(10_000, 10_000);
        assert!(bomb.len() < MAX_PHOTO_BYTES, "{} bytes", bomb.len());
        let started = std::time::Instant::now();
        assert_eq!(reencode(&bomb), Err("photo_too_many_pixels"));
        // Decoding it would take seconds; reading its header takes microseconds.
        assert!(started.elapsed() < Duration::from_secs(1));
        // Few pixels, but a side no photo has.
        assert_eq!(reencode(&png_bomb(20_000, 2)), Err("photo_too_many_pixels"));
    }

    #[tokio::test]
    async fn the_gate_runs_no_more_decodes_at_once_than_it_has_permits() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let gate = DecodeGate::new(2, Duration::from_secs(30));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    gate.run(move || {
                        most.fetch_max(running.fetch_add(1, SeqCst) + 1, SeqCst);
                        std::thread::sleep(Duration::from_millis(100));
                        running.fetch_sub(1, SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        // Without the gate, the blocking pool would run all 8 at once.
        assert_eq!(most.load(SeqCst), 2);
    }

    #[tokio::test]
    async fn who_cannot_get_a_turn_in_time_is_told_to_come_back() {
        let gate = DecodeGate::new(1, Duration::from_millis(100));
        let (release, held) = std::sync::mpsc::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel();
        let busy = tokio::spawn({
            let gate = gate.clone();
            async move {
                gate.run(move || {
                    started.send(()).unwrap();
                    held.recv().unwrap();
                })
                .await
            }
        });
        running.await.unwrap();
        let busy_answer = Err(AppError::Unavailable {
            retry_after_secs: RETRY_AFTER_SECS,
        });
        assert_eq!(gate.run(|| ()).await, busy_answer);
        // The client gives up: its decode still holds the turn until it ends.
        busy.abort();
        assert!(busy.await.unwrap_err().is_cancelled());
        assert_eq!(gate.run(|| ()).await, busy_answer);
        release.send(()).unwrap();
        let gate = DecodeGate {
            wait: Duration::from_secs(30),
            ..gate
        };
        assert_eq!(gate.run(|| 7).await, Ok(7));
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
