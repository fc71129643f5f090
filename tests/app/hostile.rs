//! Hostile or broken clients: connections held open, bodies that never end or cannot be read.
//! Each gets a bounded cost and a French 4xx; nobody else is kept out; nothing is written.

use crate::helpers::{MAX_BODY_BYTES, TestApp, spawn_app, spawn_app_limited};
use coop_manau::{
    accounts::Role,
    server::serve::{ConnectionLimits, raise_file_limit},
};
use reqwest::StatusCode;
use std::{
    net::{IpAddr, SocketAddr},
    time::{Duration, Instant},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpSocket, TcpStream},
};

/// A connection from `source` (any 127.x.y.z address is this machine on Linux: a test can play
/// several clients).
async fn connect_from(source: &str, app: &TestApp) -> std::io::Result<TcpStream> {
    let target: SocketAddr = app.address.trim_start_matches("http://").parse().unwrap();
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source.parse::<IpAddr>().unwrap(), 0))?;
    socket.connect(target).await
}

/// What the server sends before it closes (or until `wait` passes).
async fn read_until_closed(stream: &mut TcpStream, wait: Duration) -> Option<String> {
    let mut answer = Vec::new();
    match tokio::time::timeout(wait, stream.read_to_end(&mut answer)).await {
        Ok(_) => Some(String::from_utf8_lossy(&answer).into_owned()),
        Err(_) => None,
    }
}

fn short_limits() -> ConnectionLimits {
    ConnectionLimits {
        header_timeout: Duration::from_secs(2),
        // Below the 1,500 held: without the per-address share, the visitor would wait.
        max_connections: 1_000,
        max_per_address: Some(200),
    }
}

#[tokio::test]
async fn idle_and_slow_connections_do_not_keep_a_visitor_out() {
    let files = raise_file_limit();
    if files < 4_000 {
        eprintln!("skipped: the open-file limit is {files}, this test opens 3,000 sockets");
        return;
    }
    let app = spawn_app_limited(false, short_limits()).await;
    // 1,500 connections: 1,000 that send nothing, 500 that send their headers a byte at a time.
    let mut held = Vec::new();
    let mut refused_at_once = 0;
    for i in 0..1_500 {
        let source = if i % 3 == 0 { "127.0.0.3" } else { "127.0.0.2" };
        let mut stream = connect_from(source, &app).await.expect("connect");
        if source == "127.0.0.3" {
            // Accepted by the kernel, closed by the app when over the address's share.
            if stream.write_all(b"GET / HT").await.is_err() {
                refused_at_once += 1;
                continue;
            }
        }
        held.push(stream);
    }
    let started = Instant::now();
    let home = app.get("/").await;
    assert_eq!(home.status(), StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "the home page took {:?} behind 1,500 held connections",
        started.elapsed()
    );
    // The app closed what was over each address's share (200), and closes the rest once the
    // head's deadline passes: none of them stays open.
    let mut closed = 0;
    for stream in &mut held {
        if read_until_closed(stream, Duration::from_secs(4))
            .await
            .is_some()
        {
            closed += 1;
        }
    }
    assert_eq!(
        closed + refused_at_once,
        1_500,
        "every held connection is closed"
    );
}

#[tokio::test]
async fn an_idle_connection_is_closed_after_the_head_deadline() {
    let app = spawn_app_limited(false, short_limits()).await;
    let mut stream = connect_from("127.0.0.1", &app).await.unwrap();
    // A request, then nothing: the keep-alive connection is closed, not kept forever.
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(5))
        .await
        .expect("closed within the deadline");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_body_that_stalls_is_refused_with_408() {
    let app = spawn_app().await;
    let mut stream = connect_from("127.0.0.1", &app).await.unwrap();
    let writes_before = app.writes().await;
    stream
        .write_all(
            b"POST /api/set_locale HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nlocale=e",
        )
        .await
        .unwrap();
    // The test app allows a pause of 1 s (BODY_IDLE_SECS).
    let answer = read_until_closed(&mut stream, Duration::from_secs(5))
        .await
        .expect("answered and closed");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("trop de temps"), "{answer}");
    assert_eq!(app.writes().await, writes_before);
}

/// Every server function, as a script or a broken browser might call it: the answer is a French
/// 4xx, never a 500, and nothing is written.
#[tokio::test]
async fn every_server_function_refuses_unreadable_requests_in_french() {
    let app = spawn_app().await;
    // An admin passes every authorization check: the body is what is refused.
    let admin = app
        .person(Role::Admin, "Hostile", Some("hostile@example.org"), None)
        .await;
    let cookie = app.session_for(admin).await;
    let mut failures = Vec::new();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let writes_before = app.writes().await;
        let mut cases: Vec<(&str, reqwest::RequestBuilder, StatusCode)> = Vec::new();
        if method == http::Method::GET {
            let url = format!("{}{path}?id=%FF%FE", app.address);
            cases.push((
                "invalid UTF-8 query",
                app.client.get(url),
                StatusCode::BAD_REQUEST,
            ));
        } else {
            let multipart = coop_manau::server::security::carries_photos(path);
            let form_type = if multipart {
                "multipart/form-data; boundary=X"
            } else {
                "application/x-www-form-urlencoded"
            };
            let post = || {
                app.client
                    .post(app.url(path))
                    .header("sec-fetch-site", "same-origin")
                    .header("cookie", &cookie)
            };
            if !multipart {
                cases.push((
                    "invalid UTF-8 form",
                    post()
                        .header("content-type", form_type)
                        .body(b"name=%FF%FE&id=1&token=\xff".to_vec()),
                    StatusCode::BAD_REQUEST,
                ));
            }
            cases.push((
                "wrong content type",
                post().header("content-type", "text/plain").body("id=1"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ));
            let chunks = futures_chunks(MAX_BODY_BYTES * 2 + crate::helpers::MAX_UPLOAD_BYTES);
            cases.push((
                "chunked body over the limit",
                post()
                    .header("content-type", form_type)
                    .body(reqwest::Body::wrap_stream(chunks)),
                StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        for (what, request, expected) in cases {
            let response = request.send().await.unwrap();
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            if status != expected {
                failures.push(format!("{path} ({what}): {status}, expected {expected}"));
            } else if !(text.contains("formulaire")
                || text.contains("demande")
                || text.contains("contenu")
                || text.contains("photos"))
            {
                failures.push(format!("{path} ({what}): no French message: {text:?}"));
            }
        }
        if app.writes().await != writes_before {
            failures.push(format!("{path}: a refused request wrote"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A body sent in 64 KB pieces without a length (`Transfer-Encoding: chunked`).
fn futures_chunks(
    total: usize,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    let piece = 64 * 1024;
    futures_util::stream::iter((0..total.div_ceil(piece)).map(move |_| Ok(vec![b'a'; piece])))
}

#[tokio::test]
async fn names_refuse_control_characters_bidi_overrides_and_invisible_only_values() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Lina", Some("lina@example.org"), None)
        .await;
    let cookie = app.session_for(staff).await;
    let writes = app.writes().await;
    // Zero-width space, Hangul filler, no-break space: nothing visible, so "required".
    let blank = app
        .post_as(
            "/api/create_partner",
            &[("name", "\u{200B}\u{3164}\u{00A0}")],
            &cookie,
        )
        .await;
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: coop_manau::error::AppError = blank.json().await.unwrap();
    assert!(error.field("name").is_some(), "{error:?}");
    for hostile in ["\u{202E}nopaG tnemesiaR", "Lycée\u{0}", "a\u{2066}b"] {
        let refused = app
            .post_as("/api/create_partner", &[("name", hostile)], &cookie)
            .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{hostile:?}");
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("caractères invisibles")
        );
    }
    assert_eq!(app.writes().await, writes);
    // Arabic with its right-to-left mark is a name like any other.
    let arabic = app
        .post_as(
            "/api/create_partner",
            &[("name", "جمعية الأمل\u{200F}")],
            &cookie,
        )
        .await;
    assert!(arabic.status().is_success(), "{}", arabic.status());
}

#[tokio::test]
async fn forms_with_photos_are_read_a_few_at_a_time_from_one_address() {
    let app = spawn_app().await;
    let head = "POST /api/submit_alteration_request HTTP/1.1\r\nHost: x\r\n\
                Sec-Fetch-Site: same-origin\r\n\
                Content-Type: multipart/form-data; boundary=X\r\n\
                Content-Length: 5000000\r\n\r\n--X\r\n";
    // Eight slow phones on one address: their bodies are being read.
    let mut held = Vec::new();
    for _ in 0..coop_manau::server::security::UploadReads::PER_ADDRESS {
        let mut stream = connect_from("127.0.0.4", &app).await.unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        held.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // One more from that address waits for its turn: told so in French, nothing read.
    let mut third = connect_from("127.0.0.4", &app).await.unwrap();
    third.write_all(head.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut third, Duration::from_secs(3))
        .await
        .unwrap_or_default();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.contains("très demandé") && answer.contains("retry-after: 60"),
        "{answer}"
    );
    // Another address still gets its turn.
    let mut other = connect_from("127.0.0.5", &app).await.unwrap();
    other.write_all(head.as_bytes()).await.unwrap();
    assert!(
        read_until_closed(&mut other, Duration::from_millis(500))
            .await
            .is_none(),
        "being read, not refused"
    );
    drop(held);
}
