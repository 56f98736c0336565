"""PolNeAR scoring: brat reading, overlap metrics, and a small real run."""

from newsgraph.eval.quotes import (
    evaluate,
    format_report,
    gold_kind,
    read_ann,
    score_article,
)
from newsgraph.model import Quote, Speaker

TEXT = 'Officials said the bridge was closed. "It is unsafe," the mayor said.'
ANN = (
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 36\tthe bridge was closed\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "T4\tContent 38 52;53 54\t\"It is unsafe,\" x\n"
    "T5\tSource 54 63\tthe mayor\n"
    "E2\tAttribution:T6 Source:T5 Content:T4\n"
)


def test_read_ann(tmp_path):
    p = tmp_path / "a_x.ann"
    p.write_text(ANN, encoding="utf-8")
    gold = read_ann(p, TEXT)
    assert len(gold) == 2
    assert gold[0].content == [(15, 36)] and gold[0].sources == [(0, 9)] and gold[0].kind == "indirect"
    assert gold[1].content == [(38, 52), (53, 54)]


def test_gold_kind():
    assert gold_kind("“We will win.”") == "direct"
    assert gold_kind("that the plan was “absolutely right”") == "mixed"
    assert gold_kind("that the plan failed") == "indirect"


def test_score_article(tmp_path):
    from collections import defaultdict

    p = tmp_path / "a_x.ann"
    p.write_text(ANN, encoding="utf-8")
    gold = read_ann(p, TEXT)
    spk = Speaker(name=None, mention="Officials", start=0, end=9)
    preds = [
        Quote(kind="indirect", content=TEXT[15:36], start=15, end=36, speaker=spk, group=1),
        Quote(kind="direct", content=TEXT[0:9], start=0, end=9, group=2),  # wrong
    ]
    t = defaultdict(int)
    score_article(gold, preds, t)
    assert t["tp_r", 0.5, "all"] == 1 and t["gold", 0.5, "all"] == 2
    assert t["tp_p", 0.5, "all"] == 1 and t["pred", 0.5, "all"] == 2
    assert t["spk_n"] == 1 and t["spk_ok"] == 1


def test_evaluate_small(shared_dir, nlp):
    res = evaluate(shared_dir / "eval" / "polnear" / "dev", limit=3, nlp=nlp)
    assert res["articles"] == 3
    assert set(res["thresholds"]) == {"0.3", "0.5", "0.8"}
    assert 0.0 < res["thresholds"]["0.5"]["f1"] <= 1.0
    report = format_report(res)
    assert "speaker accuracy" in report and "direct" in report


def test_score_article_nested_quotation_takes_its_own_record():
    from collections import defaultdict

    from newsgraph.eval.quotes import GoldAttribution

    text = "Ann Lee said that Bob Ray had warned the dam was unsafe."
    o, i = text.index("Bob Ray had"), text.index("the dam")
    gold = [GoldAttribution(content=[(o, len(text) - 1)], sources=[(0, 7)]),
            GoldAttribution(content=[(i, len(text) - 1)], sources=[(o, o + 7)])]
    outer = Quote(kind="indirect", content=text[o:-1], start=o, end=len(text) - 1, group=1,
                  speaker=Speaker(name="Ann Lee", mention="Ann Lee", start=0, end=7))
    inner = Quote(kind="indirect", content=text[i:-1], start=i, end=len(text) - 1, group=2,
                  speaker=Speaker(name="Bob Ray", mention="Bob Ray", start=o, end=o + 7))
    for preds in ([outer, inner], [inner, outer]):
        t = defaultdict(int)
        score_article(gold, preds, t)
        assert t["spk_n"] == 2 and t["spk_ok"] == 2
