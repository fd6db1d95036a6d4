/**
 * How tests and benchmarks start Chromium here: Debian's build (never a downloaded browser),
 * headless, and without the background networking this machine's closed network would refuse.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
