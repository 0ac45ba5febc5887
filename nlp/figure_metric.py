"""The metric of a figure: the thing counted, cut from the clause around it.

    开展3轮|全覆盖走访摸排            → 全覆盖走访摸排   (after the measure word)
    非公企业党组织覆盖率达到|97.7%    → 非公企业党组织覆盖率  (before the number)
    其中流动党员约占|三成              → 流动党员占比

The phrase after the measure word wins when it holds a noun phrase; else the
phrase before the number is peeled: leading adverbs and places, trailing
verbs and qualifiers (达, 超, 约, 已有 …), list heads (…等), possessives.
Only the few characters around a figure are segmented (rjieba), and every word
list lives in ``nlp/data/figures_metric.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.numbers import Quantity, data_text

CLAUSE_BREAKS = "，,；;。！？!?：:、\n"
QUOTE_CHARS = "“”‘’\"'「」『』《》"
OPEN_QUOTES, CLOSE_QUOTES = "“「『", "”」』"
POST_MAX = 24


@dataclass(frozen=True)
class MetricRules:
    post_cut: frozenset[str]
    post_end: frozenset[str]               # verbs and adverbs ending a noun phrase (企业|单独组建)
    post_strip_suffix: frozenset[str]
    post_descriptive: tuple[str, ...]
    post_origin: frozenset[str]            # 50名来自不同楼宇的|企业党员: where the things counted come from
    copula: frozenset[str]
    copula_words: tuple[str, ...]
    award: frozenset[str]                  # 被评为, 获评 …: the award names what the things counted won
    award_words: tuple[str, ...]
    award_tails: frozenset[str]
    list_copula_re: re.Pattern             # 、快递员担任“: a list item, a copula and a quoted role
    strip_prefix: frozenset[str]
    strip_suffix: frozenset[str]
    drop_inner: frozenset[str]
    list_marker: frozenset[str]
    list_category: frozenset[str]
    share_verbs: frozenset[str]
    adjectives: tuple[str, ...]
    percent_suffix: str
    split_after: frozenset[str]
    keep_before: frozenset[str]
    level_verbs: frozenset[str]
    level_to: frozenset[str]
    share_re: re.Pattern
    share_verb_re: re.Pattern
    tail_re: re.Pattern
    drop_re: re.Pattern
    comparison_re: re.Pattern
    post_skip_lead: tuple[str, ...]
    location_lead: tuple[str, ...]         # 在/于 …: a place phrase, never a metric
    agent_lead: tuple[str, ...]            # 由 …: an agent before the verbs that name the metric
    post_lead_cut: frozenset[str]          # 已/由 … glued to the next word by the segmenter (已由链)
    growth_as: dict[str, str]              # 翻了(一番) → 增长: how a growth verb reads in a metric
    growth_ends: tuple[str, ...]
    change_between: re.Pattern             # 由41个|发展到|56个: a change verb and 到/至/为 between two numbers
    event_verbs: frozenset[str]            # 举办|12期: a bare event verb names the quoted event before it
    event_lead: re.Pattern                 # words before such a verb (今年已)
    space_nouns: frozenset[str]            # 腾出300平方米空间: a bare space noun …
    space_units: frozenset[str]
    space_venue: re.Pattern                # … and the venue the next clause builds in it (，建起“X”)
    post_noun_verbs: frozenset[str] = frozenset()   # verbs that start a noun compound (自助|终端)
    forecast_words: frozenset[str] = frozenset()    # 预计|450亿元: the metric of the figure before


@lru_cache(maxsize=1)
def load_metric_rules() -> MetricRules:
    """Metric rules from nlp/data/figures_metric.json, compiled once per process."""
    mt = json.loads(data_text("figures_metric.json"))
    return MetricRules(
        post_cut=frozenset(mt["post_cut"]),
        post_end=frozenset(mt["post_end"]),
        post_noun_verbs=frozenset(mt.get("post_noun_verbs", [])),
        forecast_words=frozenset(mt.get("forecast_words", [])),
        post_strip_suffix=frozenset(mt["post_strip_suffix"]),
        post_descriptive=tuple(mt["post_descriptive"]),
        post_origin=frozenset(mt.get("post_origin", [])),
        copula=frozenset(mt["copula"]),
        copula_words=tuple(mt["copula"]),
        award=frozenset(mt["award_verbs"]),
        award_words=tuple(mt["award_verbs"]),
        award_tails=frozenset(mt["award_tails"]),
        list_copula_re=re.compile("、[^，,；;。：:、“”「」]{1,6}?(?:" + "|".join(map(re.escape, mt["copula"])) + ")[“「『]"),
        strip_prefix=frozenset(mt["pre_strip_prefix"]),
        strip_suffix=frozenset(mt["pre_strip_suffix"]),
        drop_inner=frozenset(mt["pre_drop_inner"]),
        list_marker=frozenset(mt["list_marker"]),
        list_category=frozenset(mt["list_category"]),
        share_verbs=frozenset(mt["share_verbs"]),
        adjectives=tuple(mt["adjectives"]),
        percent_suffix=mt["percent_copula_suffix"],
        split_after=frozenset(mt["pre_split_after"]),
        keep_before=frozenset(mt["pre_keep_before"]),
        level_verbs=frozenset(mt["level_verbs"]),
        level_to=frozenset(mt["level_to"]),
        share_re=re.compile(mt["share_re"]),
        share_verb_re=re.compile(mt["share_verb_re"]),
        tail_re=re.compile(mt["tail_re"]),
        drop_re=re.compile(mt["pre_drop_re"]),
        comparison_re=re.compile(mt["comparison_re"]),
        post_skip_lead=tuple(sorted(mt["post_skip_lead"], key=len, reverse=True)),
        location_lead=tuple(mt["location_lead"]),
        agent_lead=tuple(mt["agent_lead"]),
        post_lead_cut=frozenset(mt["post_lead_cut"]),
        growth_as=dict(mt["growth_as"]),
        growth_ends=tuple(sorted(mt["growth_as"], key=len, reverse=True)),
        change_between=re.compile(r"[^，,。；;]{0,10}?(?:" + _alternation(mt["change_verbs"])
                                  + r")了?(?:到|至|为)[^，,。；;]{0,10}"),
        event_verbs=frozenset(mt.get("event_verbs", [])),
        event_lead=re.compile(f"^(?:{_alternation(mt.get('event_verb_lead', []))})*"
                              if mt.get("event_verb_lead") else "^"),
        space_nouns=frozenset(mt.get("space_nouns", [])),
        space_units=frozenset(mt.get("space_units", [])),
        space_venue=re.compile(f"[，,](?:[^，,。；;！？“”]{{0,4}}?)(?:{_alternation(mt.get('space_verbs', []))})"
                               "了?[“「]([^“”「」，,。；;]{2,12})[”」]"),
    )


def _alternation(words) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def growth_phrase(phrase: str, rules: MetricRules) -> str:
    """The phrase before a growth written as a verb of its own (较上年翻了|一番 →
    较上年增长): the verb read as 增长, so the metric says what grew and how."""
    if phrase.endswith(rules.growth_ends):
        for w in rules.growth_ends:
            if phrase.endswith(w):
                return phrase[:-len(w)] + rules.growth_as[w]
    return phrase


def _cut(text: str) -> list[str]:
    from nlp.segment import get_segmenter

    return get_segmenter().cut(text) if text else []


@lru_cache(maxsize=8192)
def _is_verb(word: str) -> bool:
    """jieba's dictionary tags ``word`` as a verb (v), alone: 导入, 兼任, 参与."""
    from nlp.segment import get_segmenter

    tagged = get_segmenter().tag(word)
    return len(tagged) == 1 and tagged[0][1] == "v"


_QUOTE_CHAR_RE = re.compile("[" + re.escape(QUOTE_CHARS) + "]")


def unquote(s: str) -> str:
    return _QUOTE_CHAR_RE.sub("", s)   # (str.translate with a deletion table is slower on short strings)


_PAREN_UNIT_RE = re.compile(r"[(（][^)）]{1,4}[)）]")


def post_metric(text: str, q: Quantity, rules: MetricRules | None = None) -> tuple[str, int]:
    """The noun phrase after the measure word (开展3轮|入户走访) and its end."""
    pos = q.end
    if text.startswith(("(", "（"), pos):
        m = _PAREN_UNIT_RE.match(text, pos)  # 81家(项)
        if m:
            pos = m.end()
    # everything read lies in the POST_MAX characters after pos and the one after them
    window = text[pos:pos + POST_MAX + 1]
    # 以两条主导产业链|为主轴: 以 … 为 is a frame, not a copula
    lo = q.start - 24 if q.start > 24 else 0
    copula = "以" not in text[lo:q.start] or not _FRAME_RE.search(text, lo, q.start)
    if rules is None or rules is load_metric_rules():
        metric, used = _post_default(window, q.unit == "%", copula)
    else:
        metric, used = _post_window(window, q.unit == "%", rules, copula)
    return (metric, q.end) if used < 0 else (metric, pos + used)


# 以 as a preposition opening the clause of the number (以X、Y两条…为): not 以上, 以来, 可以 …
_FRAME_RE = re.compile(r"(?<![可所予加难得足])以(?![上下来及内外后前便免至])[^，,；;。！？以]{1,20}$")


@lru_cache(maxsize=8192)
def _post_default(window: str, percent: bool, copula: bool = True) -> tuple[str, int]:
    return _post_window(window, percent, load_metric_rules(), copula)


def _post_window(window: str, percent: bool, rules: MetricRules, copula: bool = True) -> tuple[str, int]:
    """`post_metric` on the characters after the measure word: (metric, its end in
    ``window``), or ("", -1) when no noun phrase follows. ``copula``: whether 为
    may name what the things counted are (选派20名党员为联络员)."""
    i, limit, in_quote = 0, min(len(window), POST_MAX), False
    while i < limit:
        ch = window[i]
        if ch in OPEN_QUOTES:
            if i > 1 and not in_quote and not (copula and window.endswith(rules.copula_words, 0, i)) \
                    and not window.endswith(rules.award_words, 0, i):
                break   # (1名党员担任|“金牌楼助”: the quoted role is what they are)
            in_quote = True
        elif ch in CLOSE_QUOTES:
            if not in_quote:
                break
            in_quote = False
        elif ch in CLAUSE_BREAKS or ch in "(（/／" or ch.isdigit():
            if not (ch == "、" and copula and rules.list_copula_re.match(window, i)):
                break   # (420名骑手、快递员担任“流动网格员”: a list, then what they are)
        i += 1
    raw = window[:i]
    if _QUOTE_CHAR_RE.search(raw) is None:   # nothing to unquote: each index is its own
        plain_at: range | list[int] = range(len(raw))
        tokens = _cut(raw)
    else:
        plain_at = [j for j, ch in enumerate(raw) if ch not in QUOTE_CHARS]  # unquoted index → raw index
        tokens = _cut(unquote(raw))

    def until_cut(toks: list[str]) -> list[str]:
        got = []
        for t in toks:
            if t in rules.post_cut:
                break
            got.append(t)
        return got

    def end_of(n_chars: int) -> int:
        return plain_at[n_chars - 1] + 1 if n_chars else 0

    words: list[str] = []
    used = 0
    for k, tok in enumerate(tokens):
        if copula and tok in rules.copula and words and not percent:
            rest = until_cut(tokens[k + 1:])
            if "了" in tokens[k + 1:]:
                break   # 3家投资机构|为公司带来了首轮融资: 为 is "for", a predicate follows
            if len("".join(rest)) >= 2:
                return "".join(rest), end_of(used + len(tok) + len("".join(rest)))
            break
        if words and (tok in rules.award or (tok == "被" and k + 1 < len(tokens) and tokens[k + 1] in rules.award)):
            # 15名书记|被评为|市级优秀党务工作者, 7家党组织被授予“五星级党组织”称号: the award
            skip = 2 if tok == "被" else 1
            rest = until_cut(tokens[k + skip:])
            while rest and rest[-1] in rules.award_tails:
                rest.pop()
            if len("".join(rest)) >= 2:
                return "".join(rest), end_of(used + sum(map(len, tokens[k:k + skip])) + len("".join(rest)))
        if tok == "的" and words and (words[-1].endswith(rules.post_descriptive) or words[0] in rules.post_origin):
            rest = until_cut(tokens[k + 1:])  # 25名综合素质过硬的|党建指导员
            if len("".join(rest)) >= 2:
                return "".join(rest), end_of(used + len(tok) + len("".join(rest)))
        if tok in _ASPECT and words and used - len(words[-1]) >= 2 and _is_verb(words[-1]):
            used -= len(words.pop())    # 98家企业党组织|串了起来: the verb before 了 is the predicate
            break
        if (tok in rules.post_cut or (words and tok in rules.post_end and _ends_phrase(tokens, k, rules))
                or (used >= 2 and len(tok) >= 2 and _is_verb(tok) and tok not in rules.post_noun_verbs
                    and _verb_ends(tokens, k, rules))
                or (k == 0 and tok[:1] in rules.post_lead_cut)):
            if k == 0 and percent and tok in ("是", "为"):
                rest = until_cut(tokens[1:])
                if rest:
                    return "".join(rest) + rules.percent_suffix, end_of(len(tok) + len("".join(rest)))
            break
        words.append(tok)
        used += len(tok)
    if i < len(window) and window[i].isdigit():
        while words and words[-1] in rules.post_strip_suffix:  # 企业对接融资超|30亿元
            used -= len(words.pop())
    # (an aspect particle is no part of the metric: 5人|递交了入党申请书 → 递交入党申请书)
    metric = "".join(w for w in words if w != "了").strip()
    if not any("\u4e00" <= ch <= "\u9fff" for ch in metric):
        return "", -1
    return metric, end_of(used)


def _ends_phrase(tokens: list[str], k: int, rules: MetricRules) -> bool:
    """A `post_end` word at ``k`` ends the noun phrase unless a one-character suffix
    closes the phrase after it (投融资对接|会: a noun, not a verb)."""
    return not (k + 2 == len(tokens) and len(tokens[k + 1]) == 1 and tokens[k + 1] not in rules.post_cut)


_ASPECT = frozenset("了着过")


def _verb_ends(tokens: list[str], k: int, rules: MetricRules) -> bool:
    """A verb at ``k`` after the noun counted ends its phrase (12家中小企业|导入质量管理体系,
    18名社区网格员|兼任) unless a one-character suffix makes it a noun (骑手、快递|员;
    an aspect particle is no suffix: 企业党组织|串了起来)."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
    if nxt in rules.copula:
        return False        # 27名骑手|成长为|站长: the copula names what they became
    return not (len(nxt) == 1 and nxt not in _ASPECT and nxt not in rules.post_cut
                and "\u4e00" <= nxt <= "\u9fff")


_CN_NUMERAL_CHARS = frozenset("一二两三四五六七八九十百千万")


def poor_metric(metric: str, rules: MetricRules | None = None) -> bool:
    """Whether a metric cut before the number says nothing about what is counted: a
    place (在2号楼1层开辟), a bare verb (召开), a count of its own (腾出一间) or digits."""
    rules = rules or load_metric_rules()
    return bool(metric) and (metric.startswith(rules.location_lead)
                             or any(ch.isdigit() for ch in metric)
                             or metric in rules.split_after or metric in rules.level_verbs
                             or (len(metric) >= 2 and metric[-2] in _CN_NUMERAL_CHARS))


def share_object(metric: str, noun: str, rules: MetricRules | None = None) -> str:
    """A share whose whole is named after it (党员承担了公司|近一半|的核心研发项目):
    the metric up to its share verb, then the noun after 的 (党员承担核心研发项目);
    ``metric`` unchanged when it has no share verb."""
    rules = rules or load_metric_rules()
    tokens = _cut(metric)
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k] in rules.share_verbs:
            return "".join(tokens[:k + 1]) + noun
    return metric


def _split_last(tokens: list[str], words: frozenset[str]) -> list[str]:
    """The tokens after the last of ``words`` when at least two characters follow it."""
    for k in range(len(tokens) - 2, -1, -1):
        if tokens[k] in words and len("".join(tokens[k + 1:])) >= 2:
            return tokens[k + 1:]
    return tokens


def pre_metric(phrase: str, unit: str = "", qualifier_word: str = "",
               rules: MetricRules | None = None) -> str:
    """The phrase before the number (非公企业党组织覆盖率达到|97.7%), peeled.
    ``qualifier_word`` is what stands between the phrase and the number (约占, 超过)."""
    if rules is None or rules is load_metric_rules():
        return _pre_default(phrase, unit, qualifier_word)
    return _pre_metric(phrase, unit, qualifier_word, rules)


@lru_cache(maxsize=8192)
def _pre_default(phrase: str, unit: str, qualifier_word: str) -> str:
    return _pre_metric(phrase, unit, qualifier_word, load_metric_rules())


_PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")


def _pre_metric(phrase: str, unit: str, qualifier_word: str, rules: MetricRules) -> str:
    phrase = _PAREN_RE.sub("", unquote(phrase)).strip("()（） ")
    phrase = rules.comparison_re.sub("", phrase)
    phrase = rules.drop_re.sub("", phrase)
    tokens = [t for t in _cut(phrase) if t.strip() and t not in rules.drop_inner]
    if "比" in tokens or "较" in tokens:
        tokens = [t for i, t in enumerate(tokens)   # 比(上年)增长: the comparison word left alone
                  if not (t in ("比", "较") and i + 1 < len(tokens) and tokens[i + 1] in rules.level_verbs)]
    for marker in rules.list_marker:
        if marker in tokens:
            k = len(tokens) - 1 - tokens[::-1].index(marker)
            if len("".join(tokens[k + 1:])) >= 2:
                tokens = tokens[k + 1:]
                while len(tokens) > 1 and tokens[0] in rules.list_category:
                    tokens = tokens[1:]   # 设计、制造等|环节|企业党组织: the list's kind, not the thing counted
    if not rules.keep_before.isdisjoint(tokens):
        for k, tok in enumerate(tokens):  # 合理化建议|被采纳, 项目|由党员团队揭榜
            if tok in rules.keep_before and "的" in tokens[k + 1:]:
                break                     # 由党员骨干领衔的|攻关小组: a relative clause, the noun follows 的
            if tok in rules.keep_before and len("".join(t for t in tokens[:k] if t not in rules.strip_prefix)) >= 2:
                tokens = tokens[:k]
                break
    share = unit == "%" and bool(rules.share_verb_re.search(qualifier_word))
    while tokens:
        if len(tokens) > 1 and tokens[-1] in rules.level_to and tokens[-2] in rules.level_verbs:
            del tokens[-2:]  # 转正率提高到|95%: the level, not the change
        elif tokens[-1] in rules.strip_suffix:
            share = share or (unit == "%" and bool(rules.share_verb_re.search(tokens[-1])))
            tokens.pop()
        else:
            break
    tokens = _split_last(tokens, rules.split_after)
    if "的" in tokens:
        k = len(tokens) - 1 - tokens[::-1].index("的")
        if len("".join(tokens[k + 1:])) >= 2:
            tokens = tokens[k + 1:]
    while tokens and tokens[0] in rules.strip_prefix and len(tokens) > 1:
        tokens.pop(0)
    while tokens and tokens[-1] in rules.strip_suffix:
        tokens.pop()
    metric = "".join(tokens)
    metric = rules.tail_re.sub("", metric) if len(metric) > 2 else metric
    m = rules.share_re.match(metric) if unit == "%" else None
    if m:
        return m.group(1)
    if share and metric and not metric.endswith(("比", "率", "比例", "比重")):
        metric += rules.percent_suffix  # 流动党员约占|三成 → 流动党员占比
    return metric


_RESPECTIVELY_RE = re.compile(r"分别(?:达到|达|为|是|有|增长|增加|新增|减少|下降|提高|提升|占|超过|超)?了?$")
_LIST_SPLIT_RE = re.compile(r"[、和及]")
_RUN_SEPARATORS = frozenset(["和", "、", "及", "与", "，", ",", "以及"])


def respective_metrics(text: str, quantities: list[Quantity], head_starts: list[int],
                       rules: MetricRules | None = None) -> dict[int, str]:
    """党员先锋岗、党员责任区分别达到580个和320个: the k-th figure of a run after
    分别 takes the k-th item of the list before it. Returns {figure index: metric}.
    ``head_starts[i]`` is where the clause group of quantity i starts (its sentence
    or semicolon clause)."""
    rules = rules or load_metric_rules()
    out: dict[int, str] = {}
    i = 0
    while i < len(quantities):
        q = quantities[i]
        head = text[head_starts[i]:q.start]
        m = _RESPECTIVELY_RE.search(head) if "分别" in head else None
        if not m:
            i += 1
            continue
        run = [i]
        while (run[-1] + 1 < len(quantities)
               and text[quantities[run[-1]].end:quantities[run[-1] + 1].start].strip() in _RUN_SEPARATORS):
            run.append(run[-1] + 1)
        listed = head[:m.start()]
        listed = listed[max(listed.rfind("，"), listed.rfind(","), listed.rfind("：")) + 1:]
        items = [x for x in _LIST_SPLIT_RE.split(listed) if x.strip()]
        if len(run) >= 2 and len(items) >= len(run):
            for k, item in zip(run, items[-len(run):]):
                metric = pre_metric(item, quantities[k].unit, "", rules)
                if metric:
                    out[k] = metric
        elif len(run) >= 2:
            out.update(_earlier_run_metrics(text, quantities, head_starts, run, rules))
        i = run[-1] + 1
    return out


def _earlier_run_metrics(text: str, quantities: list[Quantity], head_starts: list[int], run: list[int],
                         rules: MetricRules) -> dict[int, str]:
    """党组织318个，党员5200余名，较去年底分别增加了26个和410名: with no list before
    分别, the k-th figure of the run takes the metric of the k-th of the figures just
    before the run in the same sentence, when their units pair up."""
    first = run[0]
    earlier = list(range(first - len(run), first))
    if earlier[0] < 0 or any(head_starts[j] != head_starts[first] for j in earlier) \
            or any(quantities[j].unit != quantities[k].unit for j, k in zip(earlier, run)):
        return {}
    out = {}
    for j, k in zip(earlier, run):
        start = quantities[j - 1].end if j > earlier[0] else head_starts[j]
        phrase = text[start:quantities[j].start]
        phrase = phrase[max(phrase.rfind("，"), phrase.rfind(","), phrase.rfind("："), phrase.rfind("、")) + 1:]
        metric = pre_metric(phrase, quantities[j].unit, "", rules)
        if metric:
            out[k] = metric
    return out


@lru_cache(maxsize=4)
def _level_verbs_end_re(level_verbs: frozenset[str]) -> re.Pattern:
    """Change verbs (同比增长, 提高) ending a metric, compiled once per rule set."""
    return re.compile(r"(?:同比|环比)?(?:" + "|".join(map(re.escape, sorted(level_verbs, key=len, reverse=True)))
                      + r")+$")


def change_metric(base: str, phrase: str, verb: str, rules: MetricRules | None = None) -> str:
    """The metric of a change that follows a figure (服务白领8万人次,比上年增长23%):
    the figure's metric without its own change verb, then the comparison as written
    (比上年增长, 同比增长), or the bare verb when the phrase is long."""
    rules = rules or load_metric_rules()
    m = _level_verbs_end_re(rules.level_verbs).search(base)
    if m and m.start() >= 2:
        base = base[:m.start()]
    written = re.sub(r"了$", "", rules.comparison_re.sub("", unquote(phrase)).strip(" ，,、；;（("))
    written = re.sub(r"^(?:并|且|还|也|共|已)", "", written)
    if not written.endswith(verb) or len(written) > len(verb) + 6:
        written = verb
    return base + written


def lead_metric(text: str, pos: int, rules: MetricRules | None = None) -> str:
    """The phrase after the measure word when the words before the number say
    nothing (其中9项|已完成攻关 → 完成攻关; 其中12名|被评为优秀党员 → 优秀党员):
    leading adverbs skipped, up to the clause break, at most POST_MAX characters."""
    rules = rules or load_metric_rules()
    window = text[pos:pos + POST_MAX]
    for ch_i, ch in enumerate(window):
        if ch in CLAUSE_BREAKS or ch in "(（":
            window = window[:ch_i]
            break
    window = unquote(window)
    changed = True
    while changed:
        changed = False
        for w in rules.post_skip_lead:
            if window.startswith(w) and len(window) > len(w) + 1:
                window, changed = window[len(w):], True
                break
    window = re.sub(r"[了的]$", "", window)
    if window.startswith(rules.agent_lead):
        window = _agent_predicate(window)   # 由链上企业党员团队|揭榜攻关
    return window if len(window) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in window) else ""


def _agent_predicate(window: str) -> str:
    """由 + agent + verbs: the verbs at the end (由党员团队揭榜攻关 → 揭榜攻关), or
    the window unchanged when it does not end in a verb."""
    from nlp.segment import get_segmenter

    tagged = get_segmenter().tag(window[1:])
    k = len(tagged)
    while k and tagged[k - 1][1] in ("v", "vn"):
        k -= 1
    verbs = "".join(w for w, _ in tagged[k:])
    return verbs if 0 < k < len(tagged) and len(verbs) >= 2 else window


def clean_metric(metric: str, rules: MetricRules | None = None) -> str:
    if rules is None or rules is load_metric_rules():
        return _clean_default(metric)
    return _clean_metric(metric, rules)


@lru_cache(maxsize=8192)
def _clean_default(metric: str) -> str:
    return _clean_metric(metric, load_metric_rules())


def _clean_metric(metric: str, rules: MetricRules) -> str:
    for adj in rules.adjectives:
        if metric.startswith(adj) and len(metric) > len(adj) + 1:
            metric = metric[len(adj):]
    if metric.startswith(("的", "是")) and len(metric) > 2 and not metric.startswith("是否"):
        metric = metric[1:]   # 每年1万元至3万元|的工作经费补助, 有21名|是技术骨干
    return metric


__all__ = ["MetricRules", "change_metric", "clean_metric", "growth_phrase", "poor_metric", "share_object", "lead_metric", "load_metric_rules", "post_metric", "pre_metric",
           "respective_metrics", "unquote"]
