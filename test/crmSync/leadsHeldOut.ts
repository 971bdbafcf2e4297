/**
 * HELD-OUT customer DMs for the contact-lead extractor (nodes/shared/crmSync/leads.ts), written on
 * 2026-12-07 after the extractor's code was frozen. Each DM is labelled by a person's reading —
 * the contact details a person would record as THIS customer's — never by running the extractor,
 * and the set was never used for tuning; keep it that way (measure on it, do not fold fixes back).
 *
 * Conventions:
 * - Only phones, wechatIds and emails are labelled (region, gender and age are left out).
 * - phones: mainland China mobile numbers only (11 digits, 13–19), normalised to bare half-width
 *   digits whatever the spacing, dashes, dots, +86 / 0086 / (86), full-width digits, Chinese
 *   numerals or line breaks. HK, overseas and landline numbers do not appear in this set at all.
 * - wechatIds: as written, case kept, full-width letters and digits made half-width. A phone given
 *   as the WeChat id ("微信同号", "vx 1xx…") is in both phones and wechatIds.
 * - emails: lower-cased. An e-mail whose local part is a number gives no phone.
 * - Not the customer's: numbers and ids of the shop, its staff, couriers, hotlines, friends,
 *   family, scammers; order, tracking, member, coupon, SKU and card numbers even when they are
 *   11 digits starting 13–19; masked or incomplete numbers; QQ, Douyin and Xiaohongshu ids; a
 *   WeChat nickname or a cue followed by an ordinary English word.
 * - negative: true marks a DM whose point is a look-alike that must not be extracted; its expected
 *   lists what (if anything) is still the customer's.
 */
export interface HeldOutLead {
	dm: string;
	expected: { phones?: string[]; wechatIds?: string[]; emails?: string[] };
	negative?: boolean;
}

export const LEADS_HELD_OUT: HeldOutLead[] = [
	// --- phones, written every way ---
	{ dm: '你好，我电话13927461835，到货了麻烦通知一声', expected: { phones: ['13927461835'] } },
	{ dm: '手机：158 6624 0917，白天可能没法接', expected: { phones: ['15866240917'] } },
	{ dm: '我号码是 177-0315-2286', expected: { phones: ['17703152286'] } },
	{ dm: '+86 139 5521 7604 打这个', expected: { phones: ['13955217604'] } },
	{ dm: '+8618622407153 有事联系', expected: { phones: ['18622407153'] } },
	{ dm: '0086-15190348821 这是我的手机', expected: { phones: ['15190348821'] } },
	{ dm: '(86)13618203347 麻烦下午打', expected: { phones: ['13618203347'] } },
	{ dm: '手机号：１８９０７７２３４５６', expected: { phones: ['18907723456'] } },
	{ dm: '打给我：17855023619', expected: { phones: ['17855023619'] } },
	{ dm: '电话\n13761920458\n下班后打', expected: { phones: ['13761920458'] } },
	{ dm: '我的手机\n139 0218\n6643', expected: { phones: ['13902186643'] } },
	{ dm: '号码是15308812794哈，别打错了', expected: { phones: ['15308812794'] } },
	{ dm: '联系电话 198 3372 0561 （本人）', expected: { phones: ['19833720561'] } },
	{ dm: '手机 185.6613.9022', expected: { phones: ['18566139022'] } },
	{ dm: '致电 136 2280 4417 即可，周末也行', expected: { phones: ['13622804417'] } },
	{ dm: '电话：13５7０2２8８１９', expected: { phones: ['13570228819'] } },
	{ dm: '麻烦打我电话哦 15277340068 谢谢姐妹', expected: { phones: ['15277340068'] } },
	{ dm: '手机号码 +86-17316624578', expected: { phones: ['17316624578'] } },
	{ dm: '我的號碼是 139 8821 0634，有貨請通知', expected: { phones: ['13988210634'] } },
	{ dm: '電話：186-0952-3371', expected: { phones: ['18609523371'] } },
	{ dm: 'Tel 15650213398', expected: { phones: ['15650213398'] } },
	{ dm: 'phone: 13071846625 call me after 6pm', expected: { phones: ['13071846625'] } },
	{ dm: '📱18127705394 随时打', expected: { phones: ['18127705394'] } },
	{ dm: '收不到短信，换这个号：16625190437', expected: { phones: ['16625190437'] } },
	{ dm: '上次留错了，正确的是 13511207749', expected: { phones: ['13511207749'] } },
	{ dm: '我的手机号15921174063，收件人也是我', expected: { phones: ['15921174063'] } },
	{ dm: '加急！联系我 18805521378', expected: { phones: ['18805521378'] } },
	{ dm: '电话186 7720 9945，地址杭州西湖区文三路', expected: { phones: ['18677209945'] } },
	{ dm: '回电请拨 13329017765', expected: { phones: ['13329017765'] } },
	{ dm: '留个电话 19145203386 方便售后联系', expected: { phones: ['19145203386'] } },
	{ dm: '我的新号码 17121096634，旧的不用了', expected: { phones: ['17121096634'] } },
	{ dm: '你们打 147 0316 2259 找我就行', expected: { phones: ['14703162259'] } },
	{ dm: 'call我 13866104427', expected: { phones: ['13866104427'] } },
	{ dm: '号码：1 5 9 0 2 2 7 1 6 8 3', expected: { phones: ['15902271683'] } },
	{ dm: '电话一五八零二二六七三九一', expected: { phones: ['15802267391'] } },
	{
		dm: '手机13697712035和15017326648都可以打',
		expected: { phones: ['13697712035', '15017326648'] },
	},
	{ dm: '我的电话是17681102294，不是下单时那个', expected: { phones: ['17681102294'] } },
	{ dm: '手机号：139-1046-2283（同城可以闪送）', expected: { phones: ['13910462283'] } },
	{ dm: '姐妹，我手机 186 0013 7756，有活动打我', expected: { phones: ['18600137756'] } },
	{ dm: 'Hi，我是上周买面霜的，电话 15889027143', expected: { phones: ['15889027143'] } },
	{ dm: '您好\n我姓王\n电话：13760881425\n麻烦尽快回复', expected: { phones: ['13760881425'] } },
	{ dm: '手机号码是: 18710034628 。', expected: { phones: ['18710034628'] } },
	{ dm: '我电话是13956607321，短信也行', expected: { phones: ['13956607321'] } },
	{ dm: '电话号码：136 6620 1984 周一到周五', expected: { phones: ['13666201984'] } },
	{ dm: '有问题打15112890346 微信不常看', expected: { phones: ['15112890346'] } },
	{ dm: '麻烦客服给我回个电话：17099316625', expected: { phones: ['17099316625'] } },
	{ dm: '手机199-0263-4471', expected: { phones: ['19902634471'] } },
	{ dm: '我的手机号改成18377105526了', expected: { phones: ['18377105526'] } },
	{ dm: '号码 135 1882 0994', expected: { phones: ['13518820994'] } },
	{ dm: '我手机号13520473318，发货前打个电话', expected: { phones: ['13520473318'] } },
	{ dm: '电话/短信：15710288534', expected: { phones: ['15710288534'] } },
	{ dm: '手机 １５６ １８０２ ２７３６ 谢谢', expected: { phones: ['15618022736'] } },
	{ dm: '我的电话：+86 139-0766-2215', expected: { phones: ['13907662215'] } },
	{ dm: '电话 13822094476 再说一遍 138-2209-4476', expected: { phones: ['13822094476'] } },
	{ dm: '手机号 是\n17502261148', expected: { phones: ['17502261148'] } },
	{ dm: '号码发你：18219930574（移动）', expected: { phones: ['18219930574'] } },
	{ dm: '联系方式 15362201079 王女士', expected: { phones: ['15362201079'] } },
	{ dm: '电话号 189 0101 7725 晚上九点前都行', expected: { phones: ['18901017725'] } },

	// --- phones beside numbers that are not phones ---
	{ dm: '订单号 3120261207004421 是我的，电话 15322608817', expected: { phones: ['15322608817'] } },
	{
		dm: '快递员电话 13501129986 打不通，麻烦打我的 18844021173',
		expected: { phones: ['18844021173'] },
	},
	{ dm: '价格 299，手机 15203387719，尽快发货', expected: { phones: ['15203387719'] } },
	{ dm: '12月7号下单的，联系我 139 0766 2251', expected: { phones: ['13907662251'] } },
	{ dm: '你们400电话打不通，我手机13823094176，回电', expected: { phones: ['13823094176'] } },
	{
		dm: '电话13412086653，打不通就打我老公的 18923045512',
		expected: { phones: ['13412086653'] },
	},
	{ dm: '买了3瓶，共297元，我电话 17327760915', expected: { phones: ['17327760915'] } },
	{
		dm: '单号SF1309927735184一直不动，我的手机 19807716632',
		expected: { phones: ['19807716632'] },
	},

	// --- WeChat ids after every kind of cue ---
	{ dm: '微信：lily_0321 方便发图', expected: { wechatIds: ['lily_0321'] } },
	{ dm: 'vx：Mia_Zhou 麻烦加一下', expected: { wechatIds: ['Mia_Zhou'] } },
	{ dm: 'V信 xiaotao-88 备注买面霜', expected: { wechatIds: ['xiaotao-88'] } },
	{ dm: '薇信：Bunny_2025', expected: { wechatIds: ['Bunny_2025'] } },
	{ dm: 'wx: chen_yu_07，加我发教程', expected: { wechatIds: ['chen_yu_07'] } },
	{ dm: '加我 summer_lin99 备注小红书', expected: { wechatIds: ['summer_lin99'] } },
	{ dm: '威信号 KiKi_Wong ～', expected: { wechatIds: ['KiKi_Wong'] } },
	{ dm: '微信号 joey-hz2019', expected: { wechatIds: ['joey-hz2019'] } },
	{ dm: 'WeChat: Nina_Gu_1990', expected: { wechatIds: ['Nina_Gu_1990'] } },
	{ dm: 'my wechat id is dingdang_cat', expected: { wechatIds: ['dingdang_cat'] } },
	{ dm: '我的vx是 Orange_Juice7，白天在线', expected: { wechatIds: ['Orange_Juice7'] } },
	{ dm: '微信\nmomo_ai520\n加的时候说一下订单', expected: { wechatIds: ['momo_ai520'] } },
	{ dm: '卫星：xiaomei_hz 看到回', expected: { wechatIds: ['xiaomei_hz'] } },
	{ dm: 'VX: TANGTANG_666', expected: { wechatIds: ['TANGTANG_666'] } },
	{ dm: '微信號 Peggy_Lau88', expected: { wechatIds: ['Peggy_Lau88'] } },
	{ dm: '加v lemon_tree_3', expected: { wechatIds: ['lemon_tree_3'] } },
	{ dm: 'vx:Coral-Reef_11', expected: { wechatIds: ['Coral-Reef_11'] } },
	{ dm: '加我VX！！ sophia_w95', expected: { wechatIds: ['sophia_w95'] } },
	{ dm: '微信: qingqing1998', expected: { wechatIds: ['qingqing1998'] } },
	{ dm: '我的v：ha_ha_bear', expected: { wechatIds: ['ha_ha_bear'] } },
	{ dm: '徽信 linxiaoxi_ 加我', expected: { wechatIds: ['linxiaoxi_'] } },
	{ dm: '绿泡泡：Daisy_Fang', expected: { wechatIds: ['Daisy_Fang'] } },
	{ dm: 'wx号 milkTea_2024', expected: { wechatIds: ['milkTea_2024'] } },
	{ dm: '私聊不方便，微信搜 zhoujl_fans_01', expected: { wechatIds: ['zhoujl_fans_01'] } },
	{ dm: '微信 Ryan-Xu 加一下吧，我是男生', expected: { wechatIds: ['Ryan-Xu'] } },
	{
		dm: '方便的话加我vx：bai_lu_07，我发视频给你看问题',
		expected: { wechatIds: ['bai_lu_07'] },
	},
	{ dm: '微信wxid_k8m2n4p6q1 扫码加不上的话搜这个', expected: { wechatIds: ['wxid_k8m2n4p6q1'] } },
	{ dm: 'V：peach_peach_11', expected: { wechatIds: ['peach_peach_11'] } },
	{ dm: '加我微信吧 xiaolu_1212，这里消息总被折叠', expected: { wechatIds: ['xiaolu_1212'] } },
	{ dm: 'vx：Lumi_Yang（大写L）', expected: { wechatIds: ['Lumi_Yang'] } },
	{ dm: 'ｗｘ：ｔｉｎｇ＿ｔｉｎｇ０６', expected: { wechatIds: ['ting_ting06'] } },
	{ dm: '加我v：dongdong_mama', expected: { wechatIds: ['dongdong_mama'] } },
	{ dm: '微信  zx_9527 ', expected: { wechatIds: ['zx_9527'] } },
	{ dm: 'v我 fan_fan_0909', expected: { wechatIds: ['fan_fan_0909'] } },
	{ dm: '微信 Star_Gazer_2000', expected: { wechatIds: ['Star_Gazer_2000'] } },
	{ dm: '加个微信？我的是 juju_wang11', expected: { wechatIds: ['juju_wang11'] } },
	{
		dm: '我朋友让我加你们，我微信 peipei_luo 麻烦通过一下',
		expected: { wechatIds: ['peipei_luo'] },
	},
	{
		dm: '你们客服微信 kefu_meizhuang 我加不上，我自己的微信是 ruby_lin33',
		expected: { wechatIds: ['ruby_lin33'] },
	},
	{ dm: '微信：Hz_Amber，加的时候备注“退货”', expected: { wechatIds: ['Hz_Amber'] } },
	{ dm: 'VX号：Gloria-Chan 看到请回复', expected: { wechatIds: ['Gloria-Chan'] } },
	{ dm: '姐妹加我 vx ：xiaoqiao_520 拼单', expected: { wechatIds: ['xiaoqiao_520'] } },
	{ dm: '微信\n\nMANDY_lee_21', expected: { wechatIds: ['MANDY_lee_21'] } },
	{ dm: '200ml的要3瓶，微信 grace_h_12 发我付款码', expected: { wechatIds: ['grace_h_12'] } },
	{ dm: '客服微信 kf_001shop 不回，我的：yaya_bei', expected: { wechatIds: ['yaya_bei'] } },

	// --- a phone given as the WeChat id ---
	{
		dm: '微信同手机号 158 3320 6617',
		expected: { phones: ['15833206617'], wechatIds: ['15833206617'] },
	},
	{
		dm: '手机13866021157，微信同号',
		expected: { phones: ['13866021157'], wechatIds: ['13866021157'] },
	},
	{
		dm: 'vx同电话：18920456632',
		expected: { phones: ['18920456632'], wechatIds: ['18920456632'] },
	},
	{
		dm: '电话和微信都是 17733018842',
		expected: { phones: ['17733018842'], wechatIds: ['17733018842'] },
	},
	{
		dm: 'wx 13510267749 搜手机号就能加',
		expected: { phones: ['13510267749'], wechatIds: ['13510267749'] },
	},
	{
		dm: '加我微信：１３６ ２０１８ ４４７５',
		expected: { phones: ['13620184475'], wechatIds: ['13620184475'] },
	},
	{
		dm: '薇信就是我手机号 199-2018-3364',
		expected: { phones: ['19920183364'], wechatIds: ['19920183364'] },
	},

	// --- e-mail ---
	{ dm: '邮箱：Wendy.Liu@163.com', expected: { emails: ['wendy.liu@163.com'] } },
	{ dm: '发到我邮箱 982734651@qq.com 吧', expected: { emails: ['982734651@qq.com'] } },
	{
		dm: '我的邮箱 zhangxiaoyu_work@126.com 麻烦发电子发票',
		expected: { emails: ['zhangxiaoyu_work@126.com'] },
	},
	{ dm: 'E-mail: Kevin.Tan+shop@gmail.com', expected: { emails: ['kevin.tan+shop@gmail.com'] } },
	{
		dm: '邮件发 li.na@corp-example.com.cn 就行',
		expected: { emails: ['li.na@corp-example.com.cn'] },
	},
	{ dm: '郵箱 Annie_Ho@Yahoo.com', expected: { emails: ['annie_ho@yahoo.com'] } },
	{
		dm: '请把合同发到 purchase.dept@abc-tech.cn，我们公司采购',
		expected: { emails: ['purchase.dept@abc-tech.cn'] },
	},
	{ dm: '邮箱是MAY2024@OUTLOOK.COM', expected: { emails: ['may2024@outlook.com'] } },
	{ dm: 'mail：sunqing@sina.cn', expected: { emails: ['sunqing@sina.cn'] } },
	{ dm: '发我邮箱就行：hello.jiayi@icloud.com', expected: { emails: ['hello.jiayi@icloud.com'] } },
	{ dm: '资料发 ZhouLei@hotmail.com 谢谢', expected: { emails: ['zhoulei@hotmail.com'] } },
	{ dm: '電郵：chloe_wong@126.com', expected: { emails: ['chloe_wong@126.com'] } },
	{ dm: '我的邮箱：\nfeng.xiao@sohu.com', expected: { emails: ['feng.xiao@sohu.com'] } },
	{ dm: '邮箱 abc-123@yeah.net', expected: { emails: ['abc-123@yeah.net'] } },
	{
		dm: '两个邮箱都行 liuyang@163.com / liuyang.work@qq.com',
		expected: { emails: ['liuyang@163.com', 'liuyang.work@qq.com'] },
	},
	{
		dm: '麻烦发报价单到 sales.lee@example-trading.com',
		expected: { emails: ['sales.lee@example-trading.com'] },
	},
	{ dm: 'email me at jenny.q@protonmail.com', expected: { emails: ['jenny.q@protonmail.com'] } },
	{ dm: '我QQ邮箱 2873301945@qq.com', expected: { emails: ['2873301945@qq.com'] } },
	{ dm: '邮箱 Yuki.Tanaka88@Gmail.com 收发票', expected: { emails: ['yuki.tanaka88@gmail.com'] } },
	{ dm: '发我邮箱吧，hr_zhao@xyz-media.net', expected: { emails: ['hr_zhao@xyz-media.net'] } },

	// --- several contacts in one DM ---
	{
		dm: '微信：yy_2030_yy 手机：13960012258',
		expected: { phones: ['13960012258'], wechatIds: ['yy_2030_yy'] },
	},
	{
		dm: '微信号是 cici-2001 ，手机号 159 0871 3326',
		expected: { phones: ['15908713326'], wechatIds: ['cici-2001'] },
	},
	{
		dm: '我vx Xiaohui_Z 邮箱 xiaohui.z@foxmail.com',
		expected: { wechatIds: ['Xiaohui_Z'], emails: ['xiaohui.z@foxmail.com'] },
	},
	{
		dm: '卫星号 lan_lan_love 电话 187 2209 6631 邮箱 lanlan0520@163.com',
		expected: {
			phones: ['18722096631'],
			wechatIds: ['lan_lan_love'],
			emails: ['lanlan0520@163.com'],
		},
	},
	{
		dm: '微信:Tina_Chan 電話:13622097731',
		expected: { phones: ['13622097731'], wechatIds: ['Tina_Chan'] },
	},
	{
		dm: '我邮箱xiaobai1995@foxmail.com，手机15501238846',
		expected: { phones: ['15501238846'], emails: ['xiaobai1995@foxmail.com'] },
	},
	{
		dm: '电话 13302218867\n微信 sunny_xi\n邮箱 sunnyxi@qq.com',
		expected: { phones: ['13302218867'], wechatIds: ['sunny_xi'], emails: ['sunnyxi@qq.com'] },
	},
	{
		dm: 'vx: doudou_88 / tel: 18011627394',
		expected: { phones: ['18011627394'], wechatIds: ['doudou_88'] },
	},
	{
		dm: '手机15618802236，邮箱 hao.ran@163.com，有问题随时联系',
		expected: { phones: ['15618802236'], emails: ['hao.ran@163.com'] },
	},
	{
		dm: '我的联系方式：微信 Echo_Zh，电话 139 2206 1187',
		expected: { phones: ['13922061187'], wechatIds: ['Echo_Zh'] },
	},
	{
		dm: '如果电话 17602219908 打不通，就加微信 nana_c_17',
		expected: { phones: ['17602219908'], wechatIds: ['nana_c_17'] },
	},
	{
		dm: '手机 ＋８６ １３８ ０５２１ ７７６４，微信 mimi_0707',
		expected: { phones: ['13805217764'], wechatIds: ['mimi_0707'] },
	},
	{
		dm: '微信和电话都行：lucy_bb / 15988026614',
		expected: { phones: ['15988026614'], wechatIds: ['lucy_bb'] },
	},
	{
		dm: '邮箱 wu.min@qq.com 或者 vx wumin_1991',
		expected: { wechatIds: ['wumin_1991'], emails: ['wu.min@qq.com'] },
	},
	{
		dm: '你好！\n手机：150-3321-0968\nvx：Jason_Ma_1\n地址回头私信',
		expected: { phones: ['15033210968'], wechatIds: ['Jason_Ma_1'] },
	},
	{
		dm: '两个手机 13755028816、18670219934，微信同第一个',
		expected: { phones: ['13755028816', '18670219934'], wechatIds: ['13755028816'] },
	},
	{
		dm: 'Email: Ivy.Sun@126.com, WeChat: ivy_sun_sh, Tel: 186 2107 5538',
		expected: {
			phones: ['18621075538'],
			wechatIds: ['ivy_sun_sh'],
			emails: ['ivy.sun@126.com'],
		},
	},
	{
		dm: '微信 xiaozhu_77（不是你们客服那个 kefu_77），电话 13911026654',
		expected: { phones: ['13911026654'], wechatIds: ['xiaozhu_77'] },
	},

	// --- tricky negatives: order, tracking and other numbers, some 11 digits starting 13–19 ---
	{ dm: '订单号20261207123怎么还没发货', expected: {}, negative: true },
	{ dm: '订单 13920261207 物流不动了', expected: {}, negative: true },
	{ dm: '订单编号：15820261207334 帮我查一下', expected: {}, negative: true },
	{ dm: '快递单号 YT7521334098816 三天没动', expected: {}, negative: true },
	{ dm: '顺丰 SF1465023378821 显示签收但我没收到', expected: {}, negative: true },
	{ dm: '中通单号 75312098345612 查不到', expected: {}, negative: true },
	{ dm: '运单号：13611207750 这是你们发的吗', expected: {}, negative: true },
	{ dm: '退货单号JD0017732665012', expected: {}, negative: true },
	{ dm: '售后单号 18820261207，麻烦跟进', expected: {}, negative: true },
	{ dm: '支付流水号 4200002266202612071534', expected: {}, negative: true },
	{ dm: '货号 SKU17755021346 还会补吗', expected: {}, negative: true },
	{ dm: '批号 13520260311，生产日期对吗', expected: {}, negative: true },
	{ dm: '会员卡号 15700223348 积分怎么查', expected: {}, negative: true },
	{ dm: '优惠码 JD13622018864 提示无效', expected: {}, negative: true },
	{ dm: '编号17012250331的包裹是我的吗', expected: {}, negative: true },
	{ dm: 'QQ号 13512209846 不是手机', expected: {}, negative: true },
	{ dm: '我的QQ 2286103345 可以加吗', expected: {}, negative: true },
	{ dm: '条形码 6901234567892 对不上', expected: {}, negative: true },
	{ dm: '税号 91330106MA2H13Y9X 对吗', expected: {}, negative: true },
	{ dm: '123456789012 这串数字是啥', expected: {}, negative: true },

	// --- tricky negatives: prices, dates, times, quantities, model numbers ---
	{ dm: '￥1399 的那套有赠品吗', expected: {}, negative: true },
	{ dm: '价格15800是真的吗，这么贵', expected: {}, negative: true },
	{ dm: '2026-12-07 下单，12月10号还没到', expected: {}, negative: true },
	{ dm: '20261207 下的单', expected: {}, negative: true },
	{ dm: '买了13件，17号到的，19号就坏了', expected: {}, negative: true },
	{ dm: '型号 HX-1391024 有现货吗', expected: {}, negative: true },
	{ dm: '规格 150ml × 3 瓶', expected: {}, negative: true },
	{ dm: '我买的是 iPhone 15 Pro Max 的壳', expected: {}, negative: true },
	{ dm: '1380元两瓶划算吗', expected: {}, negative: true },
	{ dm: '18号下单，13号就说发货了？', expected: {}, negative: true },
	{ dm: '价格区间 139-189 都行', expected: {}, negative: true },
	{ dm: '13 14 15 号都不在家', expected: {}, negative: true },
	{ dm: '我在1号线13号出口', expected: {}, negative: true },
	{ dm: '2026.12.07 13:45 下单 199元 共3件', expected: {}, negative: true },
	{ dm: '预计 12-09 18:00 前送达', expected: {}, negative: true },
	{ dm: '积分 13900 能换什么', expected: {}, negative: true },
	{ dm: '房间号 1306，快递放前台', expected: {}, negative: true },
	{ dm: '邮编 100086', expected: {}, negative: true },
	{ dm: '验证码 138246 发不过来', expected: {}, negative: true },
	{ dm: '身份证后六位 130429', expected: {}, negative: true },
	{ dm: '银行卡尾号 1388', expected: {}, negative: true },
	{ dm: '一共 15 盒，每盒 18.6 元，合计 279', expected: {}, negative: true },

	// --- tricky negatives: masked, partial or incomplete numbers ---
	{ dm: '手机尾号 6623 的那个单', expected: {}, negative: true },
	{ dm: '下单号码是 138****2209', expected: {}, negative: true },
	{ dm: '我电话139123456，好像少打了一位，等下补', expected: {}, negative: true },
	{ dm: '手机号前三位是186，后面的不方便说', expected: {}, negative: true },

	// --- tricky negatives: hotlines and other people's numbers ---
	{ dm: '打了12315也没用', expected: {}, negative: true },
	{ dm: '你们的400-820-5577一直占线', expected: {}, negative: true },
	{ dm: '客服电话 400 600 1234 是真的吗', expected: {}, negative: true },
	{ dm: '顺丰95338说要等三天', expected: {}, negative: true },
	{ dm: '12306 买不到票，晚几天收货', expected: {}, negative: true },
	{ dm: '快递员的电话 15937700246 打不通', expected: {}, negative: true },
	{ dm: '派件员说他的号是 18720913356，让我联系他', expected: {}, negative: true },
	{ dm: '你们客服电话13652207718怎么不接', expected: {}, negative: true },
	{ dm: '上面写的商家电话 17710934425 是你们吗', expected: {}, negative: true },
	{ dm: '我老公的手机 13866549021，他说你们打过电话', expected: {}, negative: true },
	{ dm: '这个号码 15011279934 冒充你们客服给我打电话，是诈骗吗', expected: {}, negative: true },
	{ dm: '骗子号码18077230119，大家小心', expected: {}, negative: true },
	{ dm: '我朋友的电话 13455682217，她也想买，你们联系她吧', expected: {}, negative: true },
	{ dm: '店铺页面写的联系方式 19925508863 是谁的', expected: {}, negative: true },
	{ dm: '订单里留的电话不是我的，是我同事的 15287702264', expected: {}, negative: true },
	{ dm: '驿站老板电话：139 6620 7781，他说没见到我的件', expected: {}, negative: true },
	{ dm: '给我打电话的那个 17190026638 是你们的售后吗', expected: {}, negative: true },

	// --- tricky negatives: WeChat ids of the shop or of other people, other platforms' ids ---
	{ dm: '你们官方微信 meizhuang_official 是真的吗', expected: {}, negative: true },
	{ dm: '我加了客服vx：kf_xiaomei02，一直没通过', expected: {}, negative: true },
	{ dm: '有人说代购微信 daigou_lulu 更便宜，可信吗', expected: {}, negative: true },
	{ dm: '主播的微信 zhubo_xiaoqi 能给我一下吗', expected: {}, negative: true },
	{ dm: '是不是要加 service_2026 这个微信才能领券', expected: {}, negative: true },
	{ dm: '我闺蜜的vx是 tangtang_99，你们加她', expected: {}, negative: true },
	{ dm: '这个微信号 lucky_shop88 发来的优惠链接是你们家的吗', expected: {}, negative: true },
	{ dm: '博主小红书号 beauty_diary_88 推荐的', expected: {}, negative: true },
	{ dm: '我抖音号 dy_qiaoqiao 你可以看我视频', expected: {}, negative: true },
	{ dm: '微博 @小熊饼干 私信我', expected: {}, negative: true },
	{ dm: '店长的微信 dianzhang_a1 让我找你们', expected: {}, negative: true },

	// --- tricky negatives: WeChat words without an id, ids that are English words or nicknames ---
	{ dm: '微信 ok 吗？', expected: {}, negative: true },
	{ dm: 'vx later 我现在在上班', expected: {}, negative: true },
	{ dm: '加微信 thanks 不用了', expected: {}, negative: true },
	{ dm: '我没有微信，sorry', expected: {}, negative: true },
	{ dm: '微信名叫 Sunshine，搜不到的话就算了', expected: {}, negative: true },
	{ dm: 'wx 不方便 please 在这聊', expected: {}, negative: true },
	{ dm: '不想加vx，就在这说吧', expected: {}, negative: true },
	{ dm: '微信支付还是支付宝', expected: {}, negative: true },
	{ dm: '可以用微信转账吗', expected: {}, negative: true },
	{ dm: '我的微信被封了，暂时只能在这聊', expected: {}, negative: true },
	{ dm: '加我微信干嘛？', expected: {}, negative: true },
	{ dm: '你们有微信群吗', expected: {}, negative: true },
	{ dm: '看到你们VX上发的图了', expected: {}, negative: true },
	{ dm: '已经在薇信上跟你说过了', expected: {}, negative: true },
	{ dm: 'vx same as 电话，电话我下单时填了', expected: {}, negative: true },
	{ dm: '微信 maybe 明天再加', expected: {}, negative: true },
	{ dm: 'wx: nothing，我不用微信', expected: {}, negative: true },
	{ dm: '加我 friend 吧哈哈，开玩笑的', expected: {}, negative: true },

	// --- tricky negatives: e-mail look-alikes and the shop's e-mail ---
	{ dm: '@客服小美 在吗', expected: {}, negative: true },
	{ dm: '邮箱我等会发', expected: {}, negative: true },
	{ dm: '你们的售后邮箱 service@brand-beauty.com 没人回', expected: {}, negative: true },
	{ dm: 'www.xiaohongshu.com 上的链接打不开', expected: {}, negative: true },
	{ dm: '截图里的 test@example 是什么', expected: {}, negative: true },
	{ dm: '官网写的 support@glowlab.cn 是你们的邮箱吗', expected: {}, negative: true },
	{
		dm: '发我邮箱 13566207318@163.com 就行',
		expected: { emails: ['13566207318@163.com'] },
		negative: true,
	},
	{
		dm: '订单 15920261207 的发票开到 finance_wu@qq.com',
		expected: { emails: ['finance_wu@qq.com'] },
		negative: true,
	},
];
