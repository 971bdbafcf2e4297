/**
 * QR codes come from Kazuhiko Arase's qrcode-generator (MIT): encoding, masking and error
 * correction are a standard better left to a library used for years. n8n community packages
 * may have no runtime dependencies, so the build bundles this file (and only the files in
 * this folder) into dist with the library inside; see scripts/bundle-vendor.js.
 */
import qrcode from 'qrcode-generator';

export default qrcode;
