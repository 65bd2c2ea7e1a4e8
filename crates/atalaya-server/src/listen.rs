//! The accept loop: what `axum::serve` does, plus the two bounds it leaves out. Connections
//! are capped in number (past the cap the server stops accepting, and the kernel's backlog
//! holds newcomers), and each must send a request's headers within a time, counted from when
//! the connection starts waiting for a request (so an idle keep-alive connection is closed
//! too). Clients that trickle their headers a byte at a time, or open connections and send
//! nothing, are dropped after that time instead of holding a slot for ever.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Serves `app` on `listener` until the process ends: at most `max_connections` open at
/// once, each closed when a request's headers take longer than `header_timeout`.
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    max_connections: usize,
    header_timeout: Duration,
) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(max_connections.max(1)));
    loop {
        let slot = slots
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        let (stream, remote) = match listener.accept().await {
            Ok(conn) => conn,
            Err(e) if is_connection_error(&e) => continue,
            // Out of file descriptors, most likely: wait for connections to close.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
                let mut req = req.map(axum::body::Body::new);
                req.extensions_mut().insert(ConnectInfo(remote));
                app.clone().oneshot(req)
            });
            let _: Result<(), hyper::Error> = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
