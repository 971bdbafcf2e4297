/**
 * Time zones and local days come from luxon (MIT), the date library n8n itself uses in
 * expressions: it knows what a hand-written offset walk got wrong, such as a local day whose
 * midnight does not exist (Santiago, Havana: clocks jump from 00:00 to 01:00). Bundled into
 * dist with the library inside; see scripts/bundle-vendor.js.
 */
export { DateTime, IANAZone } from 'luxon';
