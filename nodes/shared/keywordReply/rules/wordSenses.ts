/**
 * Words that hold a keyword's characters in another sense: 急 in 急救 (first aid, a product
 * type: 急救面膜), 退 in 退红 (calming redness: 退红舒缓霜), 假 in 假期, 换 in 换季, 爆 in 爆款.
 * A short keyword found inside one of them is not a mention, for any rule, as inside a product
 * name; admins need not list every product type as a product name.
 *
 * Hand-written: a dictionary knows the words but not which of them change the keyword's sense
 * (紧急 and 着急 hold 急 and mean it). Kept to characters that shops use as keywords alone.
 */
const SENSES: Record<string, readonly string[]> = {
	急: ['急救', '应急', '急性', '急诊', '急转弯', '性急', '急躁'],
	退: ['退红', '退烧', '退热', '退休', '退出', '退役', '减退', '消退', '退黑', '退堂鼓'],
	换: ['换季', '换算', '替换装', '可替换'],
	假: ['假期', '放假', '请假', '寒假', '暑假', '假日', '休假', '假睫毛', '假发', '假如', '假设'],
	贵: ['贵妇', '贵宾', '宝贵', '贵州', '富贵'],
	爆: ['爆款', '火爆', '爆品', '爆满', '爆单', '爆痘'],
	火: ['火爆', '火热', '上火', '火锅', '红火'],
	坏: ['坏处', '好坏'],
	烂: ['灿烂'],
	过敏: ['抗过敏', '防过敏', '脱过敏'],
};

/** The words (by keyword) and where the keyword sits in each. */
const INDEX = new Map<string, Array<{ word: string; offset: number }>>();
for (const [keyword, words] of Object.entries(SENSES))
	INDEX.set(
		keyword,
		words.map((word) => ({ word, offset: word.indexOf(keyword) })),
	);

/** The other-sense word around the keyword at [start, start + keyword.length), if any. */
export function otherSense(text: string, keyword: string, start: number): string | undefined {
	const words = INDEX.get(keyword);
	if (!words) return undefined;
	for (const { word, offset } of words) {
		const at = start - offset;
		if (at >= 0 && text.startsWith(word, at)) return word;
	}
	return undefined;
}
