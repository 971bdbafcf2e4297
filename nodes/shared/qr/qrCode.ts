import { encodePng } from './pngEncode';
import qrcode from '../vendor/qrcodeGenerator';

/**
 * A QR code of a link, as a PNG an ops lead can show on screen or print for the account
 * owner to scan. Error correction M survives a phone camera's glare; a quiet zone of four
 * modules is what scanners expect.
 */
export interface QrImage {
	png: Buffer;
	modules: number;
}

export function qrCode(text: string, options: { scale?: number; margin?: number } = {}): QrImage {
	const scale = options.scale ?? 8;
	const margin = options.margin ?? 4;
	const qr = qrcode(0, 'M');
	qr.addData(text, 'Byte');
	qr.make();
	const modules = qr.getModuleCount();
	const size = (modules + margin * 2) * scale;
	const rgb = new Uint8Array(size * size * 3).fill(255);
	for (let row = 0; row < modules; row++) {
		for (let col = 0; col < modules; col++) {
			if (!qr.isDark(row, col)) continue;
			for (let y = 0; y < scale; y++) {
				const start = (((row + margin) * scale + y) * size + (col + margin) * scale) * 3;
				rgb.fill(0, start, start + scale * 3);
			}
		}
	}
	return { png: encodePng(size, size, rgb), modules };
}
