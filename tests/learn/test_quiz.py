"""The quiz and the pedoman come from the rulebook's own examples."""

from __future__ import annotations

import random
import re

from netra.learn import quiz
from netra.learn.pedoman import build_pedoman, describe_context, plain_message
from tests.web.support import page_csrf

SECRET = b"k" * 32


def test_match_examples_are_not_allowed_and_no_match_examples_are(analysis_engine):
    bank = quiz.question_bank(analysis_engine.rulebook)
    mine = {q.text: q for q in bank.values() if q.rule_id == "web-test-ajakan-coblos"}
    assert mine["Ayo coblos kandidatuji nanti!"].answer == quiz.NOT_ALLOWED
    allowed = mine["Kandidatuji mengunjungi pasar hari ini."]
    assert allowed.answer == quiz.ALLOWED
    assert allowed.note == "Memberitakan kegiatan tanpa ajakan memilih."
    assert allowed.regulations == (("Aturan Uji Netralitas", "Pasal 1 (uji)"),)
    # Every question's answer agrees with the engine on the example itself.
    for q in mine.values():
        flagged = any(f.rule_id == q.rule_id for f in analysis_engine.analyze(q.text).findings)
        assert flagged == (q.answer == quiz.NOT_ALLOWED), q.text


def test_draw_is_balanced_and_grading_counts_only_valid_answers(analysis_engine):
    bank = quiz.question_bank(analysis_engine.rulebook)
    drawn = quiz.draw(bank, 10, random.Random(1))
    assert len(drawn) == min(10, len(bank)) and len({q.id for q in drawn}) == len(drawn)
    answers = {q.answer for q in drawn}
    assert answers == {quiz.ALLOWED, quiz.NOT_ALLOWED}
    given = {q.id: q.answer for q in drawn[:3]} | {drawn[3].id: "<b>ya</b>"}
    result = quiz.grade(drawn, given)
    assert result.correct == 3 and result.total == len(drawn)
    assert result.items[3].given is None
    assert sum(v["total"] for v in result.by_category.values()) == len(drawn)


def test_signed_quiz_sheets_cannot_be_forged_or_reused_forever():
    token = quiz.sign_quiz(["a", "b"], SECRET, now=1000)
    assert quiz.verify_quiz(token, SECRET, now=1000) == ["a", "b"]
    assert quiz.verify_quiz(token, b"other" * 8, now=1000) is None
    payload, mac = token.split(".")
    assert quiz.verify_quiz(payload[:-2] + "xx." + mac, SECRET, now=1000) is None
    assert quiz.verify_quiz(token, SECRET, now=1000 + quiz.QUIZ_MAX_AGE + 1) is None
    assert quiz.verify_quiz("sampah", SECRET) is None


def test_pedoman_explains_each_regulation_with_rules_and_examples(analysis_engine):
    pedoman = build_pedoman(analysis_engine.rulebook)
    reg = pedoman.regulation("web-test-netralitas")
    assert reg.forbids == "Ajakan mencoblos calon." and reg.allowed
    rule = next(r for r in reg.rules if r.id == "web-test-ajakan-coblos")
    assert rule.not_allowed[0].text == "Ayo coblos kandidatuji nanti!"
    assert rule.allowed[1].note
    assert any(
        c.name == "political_neutrality" and "web-test-netralitas" in c.regulation_ids
        for c in pedoman.categories
    )
    assert set(pedoman.to_dict()) == {"categories", "regulations"}


def test_plain_language_helpers():
    assert plain_message("Nomor {entity} milik {g0} bocor.") == "Nomor … milik … bocor."
    assert describe_context({"account": "institutional", "posted_at": "2024-02-10T08:00:00"}) == (
        "akun instansi, diunggah 10-02-2024"
    )
    assert describe_context(None) is None


def test_quiz_pages_store_scores_per_user_and_chart_them(env):
    client = env.client("asn")
    for _ in range(2):
        sheet = client.get("/kuis?format=json").json()
        assert sheet["questions"] and "answer" not in sheet["questions"][0]
        form = {"csrf_token": page_csrf(client), "quiz": sheet["quiz"]}
        form |= {f"q_{q['id']}": "tidak_boleh" for q in sheet["questions"]}
        result = client.post("/kuis?format=json", data=form).json()
        assert result["total"] == len(sheet["questions"])
        assert all(i["explanation"] and i["regulations"] for i in result["items"])
    scores = client.get("/kuis/skor?format=json").json()["attempts"]
    assert len(scores) == 2
    html = client.get("/kuis/skor").text
    assert len(re.findall(r"<circle ", html)) == 2 and "<polyline" in html
    # Another user's scores are their own.
    assert env.client("author").get("/kuis/skor?format=json").json()["attempts"] == []


def test_forged_quiz_sheet_is_refused(env):
    client = env.client("asn")
    r = client.post("/kuis", data={"csrf_token": page_csrf(client), "quiz": "palsu.palsu"})
    assert r.status_code == 400 and "tidak sah" in r.text


def test_pedoman_pages_and_json_twin(env):
    client = env.client("reviewer")
    html = client.get("/pedoman").text
    assert "Aturan Uji Netralitas" in html
    page = client.get("/pedoman/web-test-netralitas").text
    assert "Ayo coblos kandidatuji nanti!" in page and "Tidak boleh" in page and "Boleh" in page
    assert client.get("/pedoman/tidak-ada").status_code == 404
    data = client.get("/pedoman?format=json").json()
    assert any(r["id"] == "web-test-pdp" for r in data["regulations"])


def test_explanations_are_the_engines_concrete_messages(analysis_engine):
    bank = quiz.question_bank(analysis_engine.rulebook)
    nik = next(
        q
        for q in bank.values()
        if q.rule_id == "web-test-nomor-uji" and q.answer == quiz.NOT_ALLOWED
    )
    assert nik.explanation == "Nomor induk kependudukan (…) adalah data pribadi."
    concrete = quiz.concrete_explanations([nik], analysis_engine)
    assert concrete[nik.id] == "Nomor induk kependudukan (9912345678901234) adalah data pribadi."
    result = quiz.grade([nik], {}, concrete)
    assert result.items[0].to_dict()["explanation"] == concrete[nik.id]
