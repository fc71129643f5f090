//! Reading the forms that carry photos (multipart), field by field, each bounded: shared by the
//! alteration request and the made-to-order request. The body as a whole is bounded before
//! (server::security::check_body).

use crate::error::AppError;
use leptos::server_fn::codec::MultipartData;

/// One field as read: an oversized one is noted and its bytes dropped, never kept in memory.
pub struct Field {
    pub name: String,
    pub bytes: Vec<u8>,
    pub too_large: bool,
}

/// The fields of a form, read one at a time.
pub struct Fields {
    multipart: multer::Multipart<'static>,
    file_limit: usize,
    text_limit: usize,
}

impl Fields {
    /// Files may weigh `file_limit` bytes, other fields `text_limit`.
    pub fn new(
        data: MultipartData,
        file_limit: usize,
        text_limit: usize,
    ) -> Result<Fields, AppError> {
        Ok(Fields {
            multipart: data.into_inner().ok_or(AppError::BadRequest)?,
            file_limit,
            text_limit,
        })
    }

    pub async fn next(&mut self) -> Result<Option<Field>, AppError> {
        let Some(mut field) = self
            .multipart
            .next_field()
            .await
            .map_err(|_| AppError::BadRequest)?
        else {
            return Ok(None);
        };
        let name = field.name().unwrap_or_default().to_owned();
        let limit = if field.file_name().is_some() {
            self.file_limit
        } else {
            self.text_limit
        };
        let mut bytes = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
            if bytes.len() + chunk.len() > limit {
                too_large = true;
                bytes.clear();
            } else if !too_large {
                bytes.extend_from_slice(&chunk);
            }
        }
        Ok(Some(Field {
            name,
            bytes,
            too_large,
        }))
    }
}

/// A text field, screened as every url-encoded form is (server::security::check_body).
pub fn text(bytes: Vec<u8>) -> Result<String, AppError> {
    let value = String::from_utf8(bytes).map_err(|_| AppError::BadRequest)?;
    crate::text::screen(&value)
        .map(str::to_owned)
        .map_err(|_| AppError::BadRequest)
}
