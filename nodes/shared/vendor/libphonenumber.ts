/**
 * Phone numbers come from libphonenumber-js (MIT), the JavaScript port of Google's
 * libphonenumber: which prefixes are allocated, how long a number is in each region, which
 * area codes exist. That table changes every year; a hand-written pattern went stale at once
 * (it took the unallocated 154 prefix for a mobile and knew nothing of Hong Kong or Malaysia).
 * The "max" metadata is the one that knows allocated prefixes, not only lengths. Bundled
 * into dist with the library inside; see scripts/bundle-vendor.js.
 */
export { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
