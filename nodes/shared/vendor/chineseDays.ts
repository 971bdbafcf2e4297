/**
 * Mainland China's official holidays and make-up working days (调休) come from chinese-days
 * (MIT, vsme/chinese-days), which follows the State Council's yearly schedule: which dates are
 * off, which weekend is worked instead. A team should not have to type that every year.
 * Bundled into dist with the library inside; see scripts/bundle-vendor.js.
 */
export { getDayDetail } from 'chinese-days';
