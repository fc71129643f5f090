//! The accept loop, with the limits `axum::serve` does not have: a deadline for a request's
//! head (which also closes idle keep-alive connections), a cap on open connections below the
//! process's file limit, and a cap per client address, so that one client holding connections
//! open (idle, or sending its headers a byte at a time) cannot keep anybody else out.
//!
//! HTTP/1.1 only: browsers speak it to us in clear text, and a TLS proxy (Caddy, nginx) speaks it
//! to its upstream; clear-text HTTP/2 would only widen what a hostile client can hold open.

use axum::{Router, extract::ConnectInfo};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use std::{
    collections::HashMap,
    future::Future,
    net::IpAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt;

/// How much one client, and all clients together, may hold open.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A request's line and headers must arrive within this time; an idle keep-alive
    /// connection is closed after it too.
    pub header_timeout: Duration,
    /// Open connections in all. Beyond it the server stops accepting (the kernel queues the
    /// newcomers) rather than running out of file descriptors.
    pub max_connections: usize,
    /// Open connections from one address; more are closed at once. `None` behind a reverse
    /// proxy, where every connection comes from the proxy.
    pub max_per_address: Option<usize>,
}

impl ConnectionLimits {
    /// The limits for this process: raises the open-file limit to what the system allows, then
    /// keeps `reserve` descriptors for the database, logs and static files.
    pub fn for_this_process(trust_proxy: bool) -> ConnectionLimits {
        const RESERVE: u64 = 128;
        let files = raise_file_limit();
        let max_connections = files.saturating_sub(RESERVE).clamp(64, 8192) as usize;
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            max_connections,
            // A school's or a social centre's Wi-Fi is one address for a whole group: each
            // browser opens about six connections, so this lets some 40 phones in at once.
            max_per_address: (!trust_proxy).then_some(256.min(max_connections / 2)),
        }
    }
}

/// Sets the soft limit on open files to the hard one (systemd's default soft limit is 1,024
/// while the hard one is often 524,288) and returns the soft limit now in force.
pub fn raise_file_limit() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 1024;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    // `rlim_t` is u64 on Linux but not on every target: the cast is kept.
    #[allow(clippy::unnecessary_cast)]
    let current = limit.rlim_cur as u64;
    current
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish (30 s at most).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let per_address = PerAddress::default();
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // EMFILE and friends: wait a little instead of spinning on the error.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(address_guard) = per_address.enter(peer.ip(), limits.max_per_address) else {
            tracing::warn!("too many connections from one address: closed");
            continue; // dropping the stream closes it
        };
        // Leptos writes a page in several pieces: without TCP_NODELAY each response waits for
        // the peer's delayed ACK (~40 ms, TOOLCHAIN.md).
        let _ = stream.set_nodelay(true);
        // What `into_make_service_with_connect_info` gives handlers: `request::client_ip`
        // reads the peer's address from there.
        let service =
            router
                .clone()
                .map_request(move |request: http::Request<hyper::body::Incoming>| {
                    let mut request = request.map(axum::body::Body::new);
                    request.extensions_mut().insert(ConnectInfo(peer));
                    request
                });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(address_guard);
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(Duration::from_secs(30), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still running after 30 s: stopping anyway");
    }
}

/// Open connections per client address.
#[derive(Clone, Default)]
struct PerAddress(Arc<Mutex<HashMap<IpAddr, usize>>>);

struct AddressGuard {
    counts: PerAddress,
    address: IpAddr,
}

impl PerAddress {
    /// Counts one more connection from `address`, or `None` when it already has `max`.
    fn enter(&self, address: IpAddr, max: Option<usize>) -> Option<AddressGuard> {
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = counts.entry(address).or_default();
        if max.is_some_and(|max| *count >= max) {
            return None;
        }
        *count += 1;
        Some(AddressGuard {
            counts: self.clone(),
            address,
        })
    }
}

impl Drop for AddressGuard {
    fn drop(&mut self) {
        let mut counts = self.counts.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = counts.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_gets_its_share_and_no_more() {
        let counts = PerAddress::default();
        let school: IpAddr = "192.0.2.7".parse().unwrap();
        let home: IpAddr = "198.51.100.1".parse().unwrap();
        let first = counts.enter(school, Some(2)).unwrap();
        let _second = counts.enter(school, Some(2)).unwrap();
        assert!(counts.enter(school, Some(2)).is_none());
        assert!(counts.enter(home, Some(2)).is_some());
        drop(first);
        assert!(counts.enter(school, Some(2)).is_some());
        assert!(counts.enter(school, None).is_some());
    }

    #[test]
    fn the_file_limit_is_raised_to_what_the_system_allows() {
        let soft = raise_file_limit();
        let limits = ConnectionLimits::for_this_process(false);
        assert!(soft >= 64);
        assert!(limits.max_connections as u64 <= soft.max(192));
        assert!(limits.max_per_address.unwrap() <= limits.max_connections);
        assert_eq!(
            ConnectionLimits::for_this_process(true).max_per_address,
            None
        );
    }
}
