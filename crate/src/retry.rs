//! When and how long to wait before sending a failed request again.

use std::time::Duration;

/// Retry policy for transient failures (network errors, 5xx, throttling). Other errors are never
/// retried: sending the same request again would fail the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Upper bound of the first wait; doubles with each retry.
    pub base_delay: Duration,
    /// No single wait is longer than this.
    pub max_delay: Duration,
}

impl Default for RetryConfig {
    /// 5 retries, waits bounded by 0.1 s, 0.2 s, 0.4 s, 0.8 s, 1.6 s: at most about 3 s in all, short
    /// enough that a user sees a persistent failure quickly (the extension's queue retries later).
    fn default() -> Self {
        Self { max_retries: 5, base_delay: Duration::from_millis(100), max_delay: Duration::from_secs(5) }
    }
}

impl RetryConfig {
    /// The wait before retry number `retry` (0-based): "full jitter", a uniform draw below an
    /// exponentially growing bound, so many clients throttled at once do not retry in lockstep.
    /// `random` is in `[0, 1)`.
    pub(crate) fn delay(&self, retry: u32, random: f64) -> Duration {
        let bound = self.base_delay.saturating_mul(1u32 << retry.min(20)).min(self.max_delay);
        bound.mul_f64(random.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_and_are_capped() {
        let c = RetryConfig::default();
        let just_below_one = 0.999_999;
        let bounds: Vec<u128> = (0..8).map(|r| c.delay(r, just_below_one).as_millis()).collect();
        assert_eq!(bounds, vec![99, 199, 399, 799, 1599, 3199, 4999, 4999]);
        assert_eq!(c.delay(3, 0.0), Duration::ZERO);
        assert_eq!(c.delay(40, 0.5), Duration::from_millis(2500));
    }
}
