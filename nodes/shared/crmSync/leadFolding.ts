// Folding: the copy of a DM every lead rule reads, each character at its original position.

/**
 * Traditional → simplified for the characters the rules below look at (place names and the
 * cue words around them). Each pair: traditional, simplified. Only one-to-one BMP characters, so
 * folding never changes the length of the text.
 */
const TRADITIONAL_PAIRS = [
	'臺台 灣湾 廣广 東东 蘇苏 門门 慶庆 瀋沈 陽阳 漢汉 島岛 連连 莊庄 爾尔 齊齐 寧宁 薩萨 貴贵 雲云 陝陕 蘭兰 遼辽 龍龙 濱滨',
	'長长 鄭郑 華华 紹绍 興兴 區区 為为 這这 邊边 標标 貨货 發发 現现 說说 個个 媽妈 們们 嗎吗 麼么 號号 電电 話话 歲岁 齡龄',
	'裡里 裏里 從从 來来 對对 會会 離离 學学 讀读 書书 婦妇 給给 買买 過过 還还 親亲 時时 間间 營营 業业 師师 無无 錫锡 揚扬',
	'溫温 臨临 濰潍 寶宝 雞鸡 綿绵 義义 頭头 內内 肅肃 豐丰 陸陆 圍围 鬱郁 贛赣 澤泽 歡欢 隻只 懷怀 產产 兒儿 孫孙 爺爷 帶带',
	'網网 絡络 聯联 繫系 碼码 單单 遞递 運运 編编 員员 帳账 戶户 訂订 購购 價价 錢钱 塊块 圓圆 萬万 億亿 廈厦 濟济 鎮镇 鹽盐',
	'蕪芜 鄲郸 烏乌 魯鲁 銀银 賓宾 煙烟 亞亚 賬账 綠绿 衛卫 樣样 點点 機机',
].join(' ');

const TRADITIONAL = new Map<number, number>(
	TRADITIONAL_PAIRS.split(' ').map((pair) => [pair.charCodeAt(0), pair.charCodeAt(1)]),
);

/** One UTF-16 unit in, one out: width, dashes, spaces and the traditional characters above. */
function foldUnit(c: number): number {
	if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0; // full-width ASCII: １３８ ＋ ： ＠
	if (c === 0x3000 || c === 0x00a0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0xfeff)
		return 0x20;
	if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63) return 0x2d; // ‐ – — − ﹣
	return TRADITIONAL.get(c) ?? c;
}

/** The text every rule matches against; same length as the input, offsets carry over. */
export function foldText(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldUnit(text.charCodeAt(i)));
	return out;
}
