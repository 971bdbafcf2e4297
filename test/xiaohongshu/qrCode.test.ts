import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { qrCode } from '../../nodes/shared/qr/qrCode';

/** Reads back the PNG the encoder wrote (RGB, 8 bit, filter 0 on every row) as RGBA pixels. */
function pixels(png: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
	const width = png.readUInt32BE(16);
	const height = png.readUInt32BE(20);
	const chunks: Buffer[] = [];
	for (let at = 8; at < png.length;) {
		const length = png.readUInt32BE(at);
		if (png.toString('ascii', at + 4, at + 8) === 'IDAT')
			chunks.push(png.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(chunks));
	const rgba = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const from = y * (width * 3 + 1) + 1 + x * 3;
			rgba.set([raw[from], raw[from + 1], raw[from + 2], 255], (y * width + x) * 4);
		}
	}
	return { width, height, rgba };
}

describe('QR code of a binding link', () => {
	it('scans back to the exact link (read by an independent decoder)', () => {
		const link =
			'https://ad.xiaohongshu.com/api/leona/three/im/account/add?appId=1234567&token=AAECAwQFBgcICQoLDA0ODw%3D%3D~split~abc';
		const { png } = qrCode(link);
		const { width, height, rgba } = pixels(png);
		expect(jsQR(rgba, width, height)?.data).toBe(link);
	});
});
