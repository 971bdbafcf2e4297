// One seeded generator for every test that wants reproducible "random" input, so that a
// failing seed reproduces and the copies cannot drift apart. Loaded from TypeScript tests by
// import, and by routing/fixtures/deskWorker.js (a child process) through its .ts require hook.

/** mulberry32: tiny, fast, and good enough to spread inputs; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
