"""Templates for recurring official content, with named placeholders: `{{nama_layanan}}`.

Substitution is plain text replacement of known names (no format strings, no expressions), so a
value can never reach into Python objects; values are single-purpose and length-limited.
Built-in templates cover what every Humas office publishes again and again; an agency adds its
own (stored in desk_templates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select

from netra.audit import record
from netra.desk.actors import ADMIN, REVIEWER, Actor
from netra.desk.channels import CHANNEL_IDS
from netra.desk.context import DeskContext
from netra.desk.errors import Forbidden, NotFound, ValidationFailed
from netra.desk.tables import Template
from netra.storage.db import session_scope

PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z][a-z0-9_]{0,39})\s*\}\}")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")
MAX_VALUE_CHARS = 2_000
MAX_BODY_CHARS = 10_000


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    name: str
    body: str
    labels: dict[str, str] = field(default_factory=dict)  # placeholder -> Indonesian label
    channels: tuple[str, ...] = ()
    emergency_category: str | None = None  # suggests the fast-track category
    builtin: bool = True

    @property
    def placeholders(self) -> list[str]:
        return list(dict.fromkeys(PLACEHOLDER_RE.findall(self.body)))


BUILTIN: dict[str, TemplateSpec] = {
    t.key: t
    for t in (
        TemplateSpec(
            "jadwal-layanan",
            "Jadwal layanan",
            "Jadwal Layanan {{nama_layanan}}\n"
            "Hari/tanggal: {{hari_tanggal}}\n"
            "Pukul: {{jam}} {{zona_waktu}}\n"
            "Tempat: {{lokasi}}\n"
            "Persyaratan: {{persyaratan}}\n"
            "Informasi lebih lanjut: {{kontak}}\n"
            "Layanan ini tidak dipungut biaya.",
            {
                "nama_layanan": "Nama layanan",
                "hari_tanggal": "Hari dan tanggal",
                "jam": "Jam layanan",
                "zona_waktu": "Zona waktu (WIB/WITA/WIT)",
                "lokasi": "Tempat",
                "persyaratan": "Persyaratan",
                "kontak": "Kontak resmi",
            },
            ("instagram", "facebook", "x", "whatsapp_channel", "telegram", "website"),
        ),
        TemplateSpec(
            "peringatan-cuaca",
            "Peringatan dini cuaca",
            "PERINGATAN DINI CUACA\n"
            "{{wilayah}}, {{hari_tanggal}} pukul {{jam}} {{zona_waktu}}\n"
            "Berdasarkan informasi {{sumber}}, berpotensi terjadi {{fenomena}} hingga "
            "{{berlaku_hingga}}.\n"
            "Imbauan: {{imbauan}}\n"
            "Dalam keadaan darurat hubungi 112.",
            {
                "wilayah": "Wilayah terdampak",
                "hari_tanggal": "Hari dan tanggal",
                "jam": "Jam",
                "zona_waktu": "Zona waktu (WIB/WITA/WIT)",
                "sumber": "Sumber resmi (mis. BMKG)",
                "fenomena": "Fenomena cuaca",
                "berlaku_hingga": "Berlaku hingga",
                "imbauan": "Imbauan bagi warga",
            },
            ("x", "instagram", "facebook", "whatsapp_channel", "telegram", "website"),
            emergency_category="bencana",
        ),
        TemplateSpec(
            "klarifikasi-hoaks",
            "Klarifikasi hoaks",
            "KLARIFIKASI\n"
            "Beredar informasi bahwa {{klaim}}. Informasi tersebut TIDAK BENAR.\n"
            "Faktanya: {{fakta}}\n"
            "Sumber resmi: {{sumber}}\n"
            "Mari periksa kebenaran informasi sebelum membagikannya.",
            {
                "klaim": "Isi kabar yang beredar",
                "fakta": "Fakta yang benar",
                "sumber": "Sumber resmi (tautan atau instansi)",
            },
            ("x", "instagram", "facebook", "whatsapp_channel", "telegram", "website"),
        ),
    )
}


def render(spec: TemplateSpec, values: dict[str, str]) -> str:
    """Fill every placeholder; missing or unknown names are an error (nothing half-filled)."""
    names = spec.placeholders
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ValidationFailed(f"Isian tidak dikenal templat ini: {', '.join(unknown)}.")
    missing = [n for n in names if not str(values.get(n, "")).strip()]
    if missing:
        labels = ", ".join(spec.labels.get(n, n) for n in missing)
        raise ValidationFailed(f"Isian wajib belum diisi: {labels}.")
    clean: dict[str, str] = {}
    for name in names:
        value = " ".join(str(values[name]).replace("\r", "").split("\n")).strip()
        value = "".join(c for c in value if c >= " " or c == "\t")
        if len(value) > MAX_VALUE_CHARS:
            raise ValidationFailed(
                f"Isian {spec.labels.get(name, name)} terlalu panjang (maks. {MAX_VALUE_CHARS})."
            )
        clean[name] = value
    return PLACEHOLDER_RE.sub(lambda m: clean[m.group(1)], spec.body)


def list_templates(ctx: DeskContext, unit_id: int | None = None) -> list[TemplateSpec]:
    """Built-in templates, then the agency's own (of every unit, or of one unit and shared)."""
    out = list(BUILTIN.values())
    with session_scope(ctx.db) as session:
        query = select(Template).where(Template.archived_at.is_(None)).order_by(Template.name)
        if unit_id is not None:
            query = query.where((Template.unit_id == unit_id) | Template.unit_id.is_(None))
        for row in session.scalars(query):
            out.append(
                TemplateSpec(
                    row.key, row.name, row.body, {}, tuple(row.channels or ()), None, builtin=False
                )
            )
    return out


def get_template(ctx: DeskContext, key: str) -> TemplateSpec:
    if key in BUILTIN:
        return BUILTIN[key]
    for spec in list_templates(ctx):
        if spec.key == key:
            return spec
    raise NotFound(f"Templat '{key}' tidak ditemukan.")


def create_template(
    ctx: DeskContext,
    actor: Actor,
    *,
    key: str,
    name: str,
    body: str,
    channels: list[str] | None = None,
    shared: bool = False,
) -> TemplateSpec:
    """An agency template (reviewers and admins keep the office's house style)."""
    if not (actor.has(REVIEWER) or actor.has(ADMIN)) or actor.user_id is None:
        raise Forbidden("Hanya peninjau atau admin yang dapat membuat templat.")
    key = key.strip().lower()
    if not KEY_RE.match(key) or key in BUILTIN:
        raise ValidationFailed(
            "Kunci templat: 2–60 huruf kecil, angka atau '-', dan belum dipakai."
        )
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationFailed("Nama templat wajib diisi (maks. 200 karakter).")
    if not body.strip() or len(body) > MAX_BODY_CHARS:
        raise ValidationFailed(f"Isi templat wajib diisi (maks. {MAX_BODY_CHARS} karakter).")
    bad = [c for c in channels or [] if c not in CHANNEL_IDS]
    if bad:
        raise ValidationFailed(f"Kanal tidak dikenal: {', '.join(bad)}.")
    with session_scope(ctx.db) as session:
        if session.scalar(select(Template.id).where(Template.key == key)) is not None:
            raise ValidationFailed(f"Kunci templat '{key}' sudah dipakai.")
        row = Template(
            key=key,
            name=name,
            body=body,
            channels=list(channels or []),
            unit_id=None if shared else actor.unit_id,
            created_by_name=actor.name,
        )
        session.add(row)
        session.flush()
        record(
            session,
            "desk.template.create",
            actor=actor.name,
            actor_id=actor.user_id,
            object_type="desk_template",
            object_id=row.id,
            payload={"key": key, "name": name},
        )
    return TemplateSpec(key, name, body, {}, tuple(channels or ()), None, builtin=False)
