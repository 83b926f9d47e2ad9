/** Where Debian's clamav-daemon puts ClamAV's daemon. */
export const CLAMD_PATH = "/usr/sbin/clamd";
