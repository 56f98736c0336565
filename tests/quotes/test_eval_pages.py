"""Scoring quotes on real pages (newsgraph.eval.quotes.score_page), with a made-up page."""

from collections import defaultdict

from newsgraph.eval.pages import Aligner, PagePrediction
from newsgraph.eval.quotes import name_match, score_page
from newsgraph.model import AnalyzedArticle, Article, Quote, Speaker


def test_name_match_is_lenient_but_not_blind():
    assert name_match("Esper", "Mark Esper")
    assert name_match("the US", "United States")
    assert name_match("police", "Hong Kong police")
    assert name_match("Patrick Carlineo Jr.", "Patrick Carlineo")
    assert name_match("Patrick W. Carlineo", "Patrick Carlineo Jr.")
    assert not name_match("Patrick Carlineo Jr.", "James Kennedy Jr.")
    assert not name_match(None, "Mark Esper")
    assert not name_match("the", "Mark Esper")


def _page(text, gold_text, quotes):
    art = Article(text=text)
    res = AnalyzedArticle(article=art, quotes=quotes)
    return PagePrediction("p", gold_text, res, Aligner(text, gold_text))


def _span(body, snippet):
    s = body.index(snippet)
    return {"start": s, "end": s + len(snippet), "sha": "x"}


def test_score_page_counts_precision_recall_and_speakers():
    body = "Ann Lee said the dam was safe. The weather was fine. Bob Ray said the road was closed."
    # the reader kept a line of page furniture that is not in the gold body
    text = "Share this story\n\n" + body
    off = len("Share this story\n\n")

    def q(snippet, name, kind="indirect", group=None, where=text):
        s = where.index(snippet)
        sp = Speaker(name=name, mention=name or "it", start=s, end=s + 1)
        return Quote(kind=kind, content=snippet, start=s, end=s + len(snippet), speaker=sp, group=group)

    preds = [q("the dam was safe", "Ann Lee", group=1), q("the road was closed", "Ann Lee", group=2),
             q("Share this story", None, group=3), q("The weather was fine", "Bob Ray", group=4)]
    gold = [
        {"content": _span(body, "the dam was safe"), "speaker": _span(body, "Ann Lee"), "speaker_name": "Ann Lee",
         "kind": "indirect", "group": None},
        {"content": _span(body, "the road was closed"), "speaker": _span(body, "Bob Ray"), "speaker_name": "Bob Ray",
         "kind": "indirect", "group": None},
    ]
    tallies = defaultdict(int)
    errors = score_page(gold, _page(text, body, preds), tallies, ("dev",))
    assert off > 0
    assert (tallies["dev", "pred"], tallies["dev", "tp_p"]) == (4, 2)  # furniture and narration are false
    assert (tallies["dev", "gold"], tallies["dev", "tp_r"]) == (2, 2)
    assert (tallies["dev", "spk_n"], tallies["dev", "spk_ok"]) == (2, 1)  # Bob Ray's words given to Ann Lee
    assert tallies["dev", "false_outside"] == 1 and tallies["dev", "false_indirect"] == 1
    assert sorted(e["error"] for e in errors) == ["false", "false", "speaker"]
    assert all("text" not in e for e in errors)  # no article text in the report


def test_pieces_of_one_gold_quotation_are_found_together():
    body = 'Ann Lee said: "We are ready. The dam is safe."'
    a, b = "We are ready.", "The dam is safe."
    gold = [{"content": _span(body, a), "speaker": _span(body, "Ann Lee"), "speaker_name": "Ann Lee",
             "kind": "direct", "group": 1},
            {"content": _span(body, b), "speaker": _span(body, "Ann Lee"), "speaker_name": "Ann Lee",
             "kind": "direct", "group": 1}]
    s = body.index(a)
    pred = [Quote(kind="direct", content=body[s:s + len(a + " " + b)], start=s, end=s + len(a + " " + b),
                  speaker=Speaker(name="Ann Lee", mention="Ann Lee", start=0, end=7), group=1)]
    tallies = defaultdict(int)
    score_page(gold, _page(body, body, pred), tallies, ("dev",))
    assert (tallies["dev", "gold"], tallies["dev", "tp_r"], tallies["dev", "spk_ok"]) == (1, 1, 1)


def test_cli_eval_quotes_usage_errors(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["eval", "quotes"]).exit_code == 2  # neither --polnear nor --pages
    assert runner.invoke(app, ["eval", "quotes", "--pages", "--split", "everything"]).exit_code == 2
    r = runner.invoke(app, ["eval", "quotes", "--pages", "--aeb", str(tmp_path)])
    assert r.exit_code == 3  # not the benchmark folder


def test_a_nested_quotation_is_checked_against_its_own_record():
    # the outer record covers the nested quotation too; the nested one's speaker is its own record's
    body = "Ann Lee said that Bob Ray had warned the dam was unsafe and that repairs were late."
    outer, inner = "Bob Ray had warned the dam was unsafe and that repairs were late", "the dam was unsafe"

    def q(snippet, name, group):
        s = body.index(snippet)
        m = body.index(name)
        return Quote(kind="indirect", content=snippet, start=s, end=s + len(snippet), group=group,
                     speaker=Speaker(name=name, mention=name, start=m, end=m + len(name)))

    gold = [{"content": _span(body, outer), "speaker": _span(body, "Ann Lee"), "speaker_name": "Ann Lee",
             "kind": "indirect", "group": None},
            {"content": _span(body, inner), "speaker": _span(body, "Bob Ray"), "speaker_name": "Bob Ray",
             "kind": "indirect", "group": None}]
    for order in (1, -1):  # whichever record comes first
        preds = [q(outer, "Ann Lee", 1), q(inner, "Bob Ray", 2)][::order]
        tallies = defaultdict(int)
        score_page(gold, _page(body, body, preds), tallies, ("dev",))
        assert (tallies["dev", "spk_n"], tallies["dev", "spk_ok"]) == (2, 2)
