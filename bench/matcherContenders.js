// The contenders of bench/matcher.js. Each build(keywords) returns a matcher with
// - ids(dm, text): the set of matched keyword ids, for the correctness check;
// - batch(dms, texts, from, count): the timed work, returning an int the runner sinks.
// `dms` are the raw DMs, `texts` the same DMs already normalised: only ours normalises itself,
// the baselines get the normalised texts. Each contender has its own loop, so its hot call
// sites stay monomorphic.
'use strict';
const MonyoneFast = require('@monyone/aho-corasick/fast').AhoCorasick;
const MonyoneTrie = require('@monyone/aho-corasick').AhoCorasick;
const ModernFast = require('modern-ahocorasick/fast');
const Modern = require('modern-ahocorasick');

/** keyword text → the ids of every rule with that text (libraries that report text). */
function byText(keywords) {
	const ids = new Map();
	keywords.forEach((k, i) => k && (ids.get(k) ?? ids.set(k, []).get(k)).push(i));
	return ids;
}
const nonEmpty = (keywords) => keywords.map((k, id) => ({ k, id })).filter((r) => r.k.length > 0);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function makeContenders(KeywordAutomaton, normalize, sound) {
	const ours = {
		name: 'ours: normalize + KeywordAutomaton',
		ours: true,
		build(keywords) {
			const automaton = KeywordAutomaton.build(keywords);
			let acc = 0;
			const onMatch = (k) => {
				acc = (acc + k) | 0;
			};
			return {
				tableBytes: automaton.memoryBytes(),
				states: automaton.stateCount,
				ids(dm) {
					const found = new Set();
					automaton.scan(normalize(dm).text, (k) => found.add(k));
					return found;
				},
				batch(dms, texts, from, count) {
					for (let i = from; i < from + count; i++) automaton.scan(normalize(dms[i]).text, onMatch);
					return acc;
				},
				scanOnly(texts, from, count) {
					for (let i = from; i < from + count; i++) automaton.scan(texts[i], onMatch);
					return acc;
				},
			};
		},
	};
	const includes = {
		name: 'includes() per rule',
		oracle: true, // exact and obviously right: the reference for the check
		build(keywords) {
			const rules = nonEmpty(keywords);
			return {
				ids: (dm, text) => new Set(rules.filter((r) => text.includes(r.k)).map((r) => r.id)),
				batch(dms, texts, from, count) {
					let acc = 0;
					for (let i = from; i < from + count; i++) {
						for (let r = 0; r < rules.length; r++)
							if (texts[i].includes(rules[r].k)) acc = (acc + rules[r].id) | 0;
					}
					return acc;
				},
			};
		},
	};
	const regex = {
		name: 'RegExp alternation',
		subsetOnly: true, // leftmost-longest and non-overlapping: it cannot report nested keywords
		build(keywords) {
			const ids = byText(keywords);
			const re = new RegExp(
				[...ids.keys()]
					.sort((a, b) => b.length - a.length)
					.map(escape)
					.join('|'),
				'g',
			);
			re.test('warm'); // irregexp compiles on first use: count that as compile time
			return {
				ids: (dm, text) => new Set([...text.matchAll(re)].flatMap((m) => ids.get(m[0]))),
				batch(dms, texts, from, count) {
					let acc = 0;
					for (let i = from; i < from + count; i++) {
						re.lastIndex = 0;
						for (let m = re.exec(texts[i]); m !== null; m = re.exec(texts[i]))
							acc = (acc + m.index) | 0;
					}
					return acc;
				},
			};
		},
	};
	const monyone = [
		['@monyone/aho-corasick fast (double array)', MonyoneFast],
		['@monyone/aho-corasick default (trie)', MonyoneTrie],
	].map(([name, Ctor]) => ({
		name,
		monyone: true,
		build(keywords) {
			const ids = byText(keywords);
			const ac = new Ctor([...ids.keys()]);
			return {
				ids: (dm, text) => new Set(ac.matchInText(text).flatMap((m) => ids.get(m.keyword))),
				batch(dms, texts, from, count) {
					let acc = 0;
					for (let i = from; i < from + count; i++)
						acc = (acc + ac.matchInText(texts[i]).length) | 0;
					return acc;
				},
			};
		},
	}));
	const modern = [
		['modern-ahocorasick fast (double array)', ModernFast],
		['modern-ahocorasick default', Modern],
	].map(([name, Ctor]) => ({
		name,
		modern: true,
		build(keywords) {
			const rules = nonEmpty(keywords); // it rejects empty patterns
			const ac = new Ctor(rules.map((r) => r.k));
			return {
				ids: (dm, text) => new Set(ac.search(text).map((m) => rules[m.patternIndex].id)),
				batch(dms, texts, from, count) {
					let acc = 0;
					for (let i = from; i < from + count; i++) acc = (acc + ac.search(texts[i]).length) | 0;
					return acc;
				},
			};
		},
	}));
	// What the Keyword Reply node runs since keywords are also heard by sound (推货 for 退货):
	// keywords with a sound form are found by the sound scan (as written, and as heard), the
	// keyword automaton keeps the rest. Its ids are the exact ones, so the oracle check holds.
	const withSound = sound && {
		name: 'ours + sound: normalize + keyword scan + sound scan',
		withSound: true,
		build(keywords) {
			const index = sound.buildSoundIndex(keywords, () => true);
			const bySound = new Set(index ? index.keywordIds.flat() : []);
			const automaton = KeywordAutomaton.build(keywords.map((k, id) => (bySound.has(id) ? '' : k)));
			let acc = 0;
			const onMatch = (k) => {
				acc = (acc + k) | 0;
			};
			const onMention = (k, start, end, exact) => {
				acc = (acc + k + (exact ? 0 : 1)) | 0;
			};
			return {
				tableBytes: automaton.memoryBytes() + (index ? index.automaton.memoryBytes() : 0),
				states: automaton.stateCount,
				ids(dm) {
					const text = normalize(dm).text;
					const found = new Set();
					automaton.scan(text, (k) => found.add(k));
					if (index)
						for (const m of sound.soundMentions(index, text, keywords))
							if (m.exact) found.add(m.id);
					return found;
				},
				batch(dms, texts, from, count) {
					for (let i = from; i < from + count; i++) {
						const text = normalize(dms[i]).text;
						automaton.scan(text, onMatch);
						if (index) sound.scanSound(index, text, keywords, onMention);
					}
					return acc;
				},
			};
		},
	};
	return [ours, ...(withSound ? [withSound] : []), includes, regex, ...monyone, ...modern];
}

module.exports = { makeContenders };
