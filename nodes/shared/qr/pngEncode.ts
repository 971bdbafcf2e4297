/**
 * Minimal PNG writer for QR codes: 8-bit RGB, one IDAT, filter type 0 on every row. A QR code
 * is flat black and white, which deflate already packs well, so smarter filters would buy
 * little. Same pixels in, same bytes out.
 */

import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;
const CHANNELS = 3;

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
	if (crcTable) return crcTable;
	crcTable = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		crcTable[n] = c >>> 0;
	}
	return crcTable;
}

/** CRC-32 as PNG (and zlib) define it. */
export function crc32(data: Uint8Array): number {
	const lookup = table();
	let crc = 0xffffffff;
	for (let i = 0; i < data.length; i++) crc = lookup[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** rgb: width × height pixels, three bytes each, row by row. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
	const stride = width * CHANNELS;
	if (
		!Number.isInteger(width) ||
		!Number.isInteger(height) ||
		width < 1 ||
		height < 1 ||
		rgb.length !== stride * height
	) {
		throw new RangeError(`encodePng: ${rgb.length} bytes is not ${width}×${height} RGB pixels`);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = COLOR_TYPE_RGB;
	// Bytes 10–12 stay 0: deflate compression, adaptive filtering method, no interlace.
	const raw = Buffer.alloc((stride + 1) * height);
	for (let row = 0; row < height; row++) {
		// raw[row * (stride + 1)] is the filter byte, already 0 (None).
		raw.set(rgb.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
	}
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}
