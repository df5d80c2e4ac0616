"""Pedoman (guidelines) and the quiz, generated from the running engine's rulebook."""

from __future__ import annotations

import random

from fastapi import APIRouter, Request
from fastapi.responses import Response

from netra.learn import quiz, scores
from netra.learn.labels import category_label
from netra.learn.pedoman import build_pedoman
from netra.reporting.charts import Series, bar_chart, line_chart
from netra.web.deps import CurrentUser, EngineDep, SessionDep
from netra.web.errors import ApiError
from netra.web.nav import register_nav
from netra.web.templating import format_dt, render

router = APIRouter(tags=["belajar"])
register_nav("Pedoman", "/pedoman", order=30)
register_nav("Kuis", "/kuis", order=40)


@router.get("/pedoman", summary="Pedoman bermedia sosial")
def pedoman_index(request: Request, user: CurrentUser, engine: EngineDep) -> Response:
    pedoman = build_pedoman(engine.rulebook)
    return render(request, "pedoman.html", {"pedoman": pedoman}, data=pedoman.to_dict())


@router.get("/pedoman/{reg_id}", summary="Satu regulasi dalam bahasa sehari-hari")
def pedoman_regulation(
    request: Request, reg_id: str, user: CurrentUser, engine: EngineDep
) -> Response:
    reg = build_pedoman(engine.rulebook).regulation(reg_id)
    if reg is None:
        raise ApiError(404, "not_found", "Regulasi tidak ditemukan di pedoman.")
    return render(request, "pedoman_regulation.html", {"reg": reg}, data=reg.to_dict())


@router.get("/kuis", summary="Kuis: boleh atau tidak?")
def quiz_page(request: Request, user: CurrentUser, engine: EngineDep, n: int = 10) -> Response:
    bank = quiz.question_bank(engine.rulebook)
    questions = quiz.draw(bank, max(1, min(n, 30)), random.Random())
    token = quiz.sign_quiz([q.id for q in questions], request.app.state.secret)
    return render(
        request,
        "quiz.html",
        {"questions": questions, "quiz_token": token, "bank_size": len(bank)},
        data={
            "quiz": token,
            "questions": [q.public_dict() for q in questions],
            "answers": list(quiz.ANSWERS),
            "submit": "POST /kuis (formulir: quiz, q_<id>)",
        },
    )


@router.post("/kuis", summary="Kirim jawaban kuis")
async def quiz_submit(
    request: Request, user: CurrentUser, engine: EngineDep, db: SessionDep
) -> Response:
    form = await request.form()
    token = form.get("quiz")
    ids = quiz.verify_quiz(token, request.app.state.secret) if isinstance(token, str) else None
    if not ids:
        raise ApiError(400, "invalid_quiz", "Lembar kuis tidak sah atau kedaluwarsa. Mulai lagi.")
    bank = quiz.question_bank(engine.rulebook)
    questions = [bank[i] for i in ids if i in bank]
    answers = {k[2:]: v for k, v in form.items() if k.startswith("q_") and isinstance(v, str)}
    result = quiz.grade(questions, answers, quiz.concrete_explanations(questions, engine))
    if result.total:
        scores.save_attempt(db, user.id, result)
        db.commit()
    data = {
        "correct": result.correct,
        "total": result.total,
        "percent": result.percent,
        "items": [i.to_dict() for i in result.items],
    }
    return render(request, "quiz_result.html", {"result": result}, data=data)


@router.get("/kuis/skor", summary="Skor kuis saya dari waktu ke waktu")
def quiz_scores(request: Request, user: CurrentUser, db: SessionDep) -> Response:
    attempts = scores.attempts_for(db, user.id)
    chart = (
        line_chart(
            "Persentase benar per percobaan (terlama di kiri)",
            [format_dt(a.taken_at) for a in attempts],
            [Series("persen benar", [a.percent for a in attempts])],
            y_max=100,
            suffix="%",
        )
        if attempts
        else None
    )
    totals: dict[str, list[int]] = {}
    for a in attempts:
        for cat, stats in (a.by_category or {}).items():
            t = totals.setdefault(cat, [0, 0])
            t[0] += int(stats.get("correct", 0))
            t[1] += int(stats.get("total", 0))
    rows = [(category_label(c), v[0], v[1]) for c, v in sorted(totals.items())]
    bars = (
        bar_chart(
            "Per topik (semua percobaan)",
            [label for label, _, _ in rows],
            [100 * correct / total if total else 0 for _, correct, total in rows],
            y_max=100,
            value_labels=[f"{correct}/{total}" for _, correct, total in rows],
        )
        if rows
        else None
    )
    return render(
        request,
        "quiz_scores.html",
        {"attempts": attempts, "chart": chart, "bars": bars},
        data={
            "attempts": [
                {
                    "taken_at": a.taken_at.isoformat(),
                    "total": a.total,
                    "correct": a.correct,
                    "percent": a.percent,
                    "by_category": a.by_category,
                }
                for a in attempts
            ]
        },
    )
