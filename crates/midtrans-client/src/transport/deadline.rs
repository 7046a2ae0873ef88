//! Attempt deadlines of the built-in transport, kept by one process-wide thread instead of a
//! runtime timer per request.
//!
//! Arming a tokio timer when none is armed wakes the runtime's parked driver so it can shorten
//! its sleep: with one call in flight that is a wake-up (two context switches) per call, about
//! as much CPU as the rest of the client's work. Here a call registers its deadline in a table
//! (one uncontended lock); the keeper thread sleeps until the earliest deadline it knows of and
//! is woken only when a call's deadline is earlier than that, which with one timeout for all
//! calls happens once per idle period, not per call. An expired call's task is woken from the
//! keeper thread and ends with a timeout; a call that ends first takes its entry out again.
//!
//! The keeper works with any executor. When its thread cannot be started, [`Deadlines::get`]
//! answers `None` and the transport falls back to reqwest's own per-request timeout.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Instant;

/// One registered deadline.
#[derive(Debug)]
struct Entry {
    at: Instant,
    expired: bool,
    waker: Option<Waker>,
}

/// The table of deadlines: a slab (a freed slot is reused, so it holds as many slots as calls
/// were ever in flight at once) and the keeper's planned wake-up.
#[derive(Debug, Default)]
struct Table {
    slots: Vec<Option<Entry>>,
    free: Vec<usize>,
    /// When the keeper will look next; `None` while it sleeps with nothing to watch.
    next_check: Option<Instant>,
}

impl Table {
    fn entry(&mut self, key: usize) -> Option<&mut Entry> {
        self.slots.get_mut(key).and_then(Option::as_mut)
    }

    /// Marks every entry due at `now` as expired and takes their wakers; answers the earliest
    /// deadline still ahead.
    fn expire(&mut self, now: Instant, woken: &mut Vec<Waker>) -> Option<Instant> {
        let mut earliest: Option<Instant> = None;
        for entry in self.slots.iter_mut().flatten() {
            if entry.expired {
                continue;
            }
            if entry.at <= now {
                entry.expired = true;
                woken.extend(entry.waker.take());
            } else if earliest.is_none_or(|e| entry.at < e) {
                earliest = Some(entry.at);
            }
        }
        earliest
    }
}

/// The process-wide deadline keeper.
#[derive(Debug)]
pub(crate) struct Deadlines {
    table: Mutex<Table>,
    wake: Condvar,
}

impl Deadlines {
    /// The keeper, its thread started on first use; `None` if the thread cannot be started.
    pub(crate) fn get() -> Option<&'static Deadlines> {
        static KEEPER: OnceLock<Option<&'static Deadlines>> = OnceLock::new();
        *KEEPER.get_or_init(|| {
            let keeper: &'static Deadlines = Box::leak(Box::new(Deadlines {
                table: Mutex::new(Table::default()),
                wake: Condvar::new(),
            }));
            std::thread::Builder::new()
                .name("midtrans-deadlines".to_owned())
                .spawn(move || keeper.run())
                .ok()
                .map(|_| keeper)
        })
    }

    fn lock(&self) -> MutexGuard<'_, Table> {
        // Entries stay consistent when a holder panics: every change is one assignment.
        self.table.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The keeper thread: expire what is due, wake those calls, sleep until the next deadline
    /// (or until a call registers an earlier one).
    fn run(&self) {
        let mut woken = Vec::new();
        let mut table = self.lock();
        loop {
            let now = Instant::now();
            let next = table.expire(now, &mut woken);
            table.next_check = next;
            if !woken.is_empty() {
                drop(table);
                woken.drain(..).for_each(Waker::wake);
                table = self.lock();
                continue;
            }
            table = match next {
                None => self
                    .wake
                    .wait(table)
                    .unwrap_or_else(PoisonError::into_inner),
                Some(at) => {
                    self.wake
                        .wait_timeout(table, at.saturating_duration_since(now))
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
            };
        }
    }

    /// Registers a deadline; the answer expires at `at` and takes its entry out when dropped.
    pub(crate) fn register(&'static self, at: Instant) -> Deadline {
        let mut table = self.lock();
        let entry = Entry {
            at,
            expired: false,
            waker: None,
        };
        let key = match table.free.pop() {
            Some(key) => {
                if let Some(slot) = table.slots.get_mut(key) {
                    *slot = Some(entry);
                }
                key
            }
            None => {
                table.slots.push(Some(entry));
                table.slots.len() - 1
            }
        };
        if table.next_check.is_none_or(|next| at < next) {
            table.next_check = Some(at);
            self.wake.notify_one();
        }
        Deadline { keeper: self, key }
    }
}

/// A registered deadline: a future that completes when it expires.
#[derive(Debug)]
pub(crate) struct Deadline {
    keeper: &'static Deadlines,
    key: usize,
}

impl Future for Deadline {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut table = self.keeper.lock();
        let Some(entry) = table.entry(self.key) else {
            return Poll::Ready(());
        };
        if entry.expired {
            return Poll::Ready(());
        }
        match &mut entry.waker {
            Some(waker) if waker.will_wake(cx.waker()) => {}
            slot => *slot = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let mut table = self.keeper.lock();
        if let Some(slot) = table.slots.get_mut(self.key) {
            *slot = None;
            table.free.push(self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_deadline_expires_and_a_later_one_does_not_expire_first() {
        let keeper = Deadlines::get().unwrap();
        let start = Instant::now();
        let late = keeper.register(start + Duration::from_secs(60));
        let early = keeper.register(start + Duration::from_millis(50));
        early.await;
        assert!(start.elapsed() >= Duration::from_millis(50));
        let mut late = std::pin::pin!(late);
        let waker = Waker::noop();
        assert!(late
            .as_mut()
            .poll(&mut Context::from_waker(waker))
            .is_pending());
    }

    #[tokio::test]
    async fn dropped_deadlines_free_their_slots() {
        let keeper = Deadlines::get().unwrap();
        let far = Instant::now() + Duration::from_secs(3600);
        for _ in 0..10_000 {
            let deadline = keeper.register(far);
            let key = deadline.key;
            assert!(keeper.lock().entry(key).is_some());
            drop(deadline);
        }
        // Other tests of this binary register a few deadlines of their own at the same time.
        assert!(keeper.lock().slots.len() < 100, "freed slots are reused");
    }
}
