"""Structure validators for Indonesian identifiers, and the masks used in redacted text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.analysis.pii import masks
from netra.analysis.pii.regions import PROVINCES
from netra.analysis.pii.validators import (
    kk_info,
    luhn_ok,
    national_phone,
    nik_info,
    nip_info,
    npwp_ok,
    phone_kind,
)


# -- NIK / KK -------------------------------------------------------------------------------------
def test_nik_male_and_female():
    male = nik_info("3174051203850003")  # 12-03-85
    female = nik_info("3174055203850003")  # day 52 = 12 + 40
    assert male is not None and not male.female and (male.day, male.month) == (12, 3)
    assert female is not None and female.female and female.day == 12
    assert male.province == "DKI Jakarta"


@pytest.mark.parametrize(
    ("digits", "why"),
    [
        ("2074051203850003", "20 is not a province"),
        ("3100051203850003", "regency 00"),
        ("3185051203850003", "regency 85 is neither kabupaten nor kota"),
        ("3174001203850003", "district 00"),
        ("3174053203850003", "day 32"),
        ("3174057203850003", "day 72 (32 + 40)"),
        ("3174051213850003", "month 13"),
        ("3174053002850003", "30 February"),
        ("3174051203850000", "serial 0000"),
        ("317405120385000", "15 digits"),
        ("31740512038500a3", "not digits"),
    ],
)
def test_nik_rejects_broken_structure(digits, why):
    assert nik_info(digits) is None, why


def test_kk_has_no_plus_forty():
    assert kk_info("3174051203150002") is not None
    assert kk_info("3174055203150002") is None  # a woman's NIK, not a KK


# -- NIP ------------------------------------------------------------------------------------------
def test_nip_valid():
    info = nip_info("198503122010011003", this_year=2025)
    assert info is not None and info.birth_year == 1985 and info.appointed_year == 2010
    assert not info.female
    assert nip_info("198503122010012003", this_year=2025).female


@pytest.mark.parametrize(
    ("digits", "why"),
    [
        ("198503122000011003", "appointed at 14"),
        ("198503122010013003", "gender digit 3"),
        ("198503122010011000", "serial 000"),
        ("198513122010011003", "birth month 13"),
        ("198502302010011003", "30 February"),
        ("198503122010131003", "appointment month 13"),
        ("198503122031011003", "appointed in the future"),
        ("19850312201001100", "17 digits"),
    ],
)
def test_nip_rejects_broken_structure(digits, why):
    assert nip_info(digits, this_year=2025) is None, why


# -- NPWP -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("digits", ["013121660091000", "016090524017000", "021832415000000"])
def test_npwp_check_digit(digits):
    assert npwp_ok(digits)
    assert npwp_ok("0" + digits)  # the 2024 16-digit form
    broken = digits[:8] + str((int(digits[8]) + 1) % 10) + digits[9:]
    assert not npwp_ok(broken)


def test_luhn():
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")
    assert not luhn_ok("12a4")


# -- phones ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("digits", "kind"),
    [
        ("081234567890", "mobile"),
        ("0812345678", "mobile"),
        ("0895123456789", "mobile"),
        ("0217345678", "landline"),
        ("0274512345", "landline"),
        ("08001234567", None),  # toll-free
        ("112", None),
        ("1500272", None),
        ("14045", None),
        ("08123", None),
        ("08123456789012", None),  # 14 digits
        ("0123456789", None),  # no area code starts with 1
    ],
)
def test_phone_kind(digits, kind):
    assert phone_kind(digits) == kind


@pytest.mark.parametrize(
    ("raw", "national"),
    [("6281234567890", "081234567890"), ("62081234567890", "081234567890"),
     ("006281234567890", "081234567890"), ("081234567890", "081234567890")],
)  # fmt: skip
def test_national_phone(raw, national):
    assert national_phone(raw) == national


# -- masks ----------------------------------------------------------------------------------------
def test_masks_keep_ends_and_separators():
    assert masks.id_number("3174012345670003") == "3174********0003"
    assert masks.id_number("3174 0123 4567 0003") == "3174 **** **** 0003"
    assert masks.phone("081212345678") == "0812****5678"
    assert masks.email("budi.santoso", "gmail.com") == "b***@gmail.com"
    assert masks.npwp("09.254.294.3-407.000") == "09.***.***.*-***.000"
    assert masks.bank_account("1234567890") == "*******890"
    assert masks.license_plate("B 1234 XYZ") == "B **** ***"
    assert masks.passport("X1234567") == "X*****67"


# -- properties -----------------------------------------------------------------------------------
@given(st.text(max_size=40))
def test_validators_never_crash(value):
    for check in (nik_info, kk_info, nip_info, npwp_ok, luhn_ok, phone_kind, national_phone):
        check(value)


@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_a_valid_nik_has_a_real_province_and_date(digits):
    info = nik_info(digits)
    if info is not None:
        assert int(digits[:2]) in PROVINCES
        assert 1 <= info.month <= 12 and 1 <= info.day <= 31
        assert digits[12:] != "0000"


@given(st.text(max_size=30))
def test_masks_keep_length_and_hide_the_middle(value):
    masked = masks.id_number(value)
    assert len(masked) == len(value)
    alnum = [c for c in value if c.isalnum()]
    hidden = sum(1 for a, b in zip(value, masked, strict=True) if a != b)
    if len(alnum) > 8:
        assert hidden == len(alnum) - 8
