from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.validators import (
    USCC_ALPHABET,
    birth_date_from_resident_id,
    is_valid_mobile,
    is_valid_phone,
    is_valid_resident_id,
    is_valid_uscc,
    resident_id_check_char,
    sex_from_resident_id,
    uscc_check_char,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)

VALID_ID = "11010519491231002X"
VALID_USCC = "91350100M000100Y43"
ID_CHARS = "0123456789X"


# --- resident identity numbers -------------------------------------------------------


def test_the_standard_example_is_valid():
    assert is_valid_resident_id(VALID_ID)


def test_birth_date_and_sex_of_the_example():
    assert birth_date_from_resident_id(VALID_ID) == date(1949, 12, 31)
    assert sex_from_resident_id(VALID_ID) == "female"


@pytest.mark.parametrize("position", range(18))
def test_any_changed_character_is_refused(position):
    for c in ID_CHARS:
        if c == VALID_ID[position]:
            continue
        changed = VALID_ID[:position] + c + VALID_ID[position + 1 :]
        assert not is_valid_resident_id(changed), changed


def test_a_lowercase_x_is_refused():
    assert not is_valid_resident_id(VALID_ID.lower())


@pytest.mark.parametrize("value", ["", VALID_ID[:17], VALID_ID + "1", " " + VALID_ID, VALID_ID + " "])
def test_wrong_lengths_and_spaces_are_refused(value):
    assert not is_valid_resident_id(value)


def test_full_width_digits_are_refused():
    value = "１" + VALID_ID[1:]
    assert len(value) == 18
    assert not is_valid_resident_id(value)


def _with_check(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def test_a_birth_date_that_does_not_exist_is_refused():
    value = _with_check("110105194902310021"[:17])
    assert not is_valid_resident_id(value)
    with pytest.raises(ValidationError, match="出生日期不是有效日期（GB 11643-1999）"):
        validate_resident_id(value)


def test_a_birth_date_before_1900_or_in_the_future_is_refused():
    assert not is_valid_resident_id(_with_check("11010518991231002"))
    tomorrow = date.today() + timedelta(days=1)
    assert not is_valid_resident_id(_with_check(f"110105{tomorrow:%Y%m%d}002"))
    assert is_valid_resident_id(_with_check("11010519000101002"))


def test_validator_messages_name_the_problem():
    cases = {
        "1101051949": "应为18位",
        "11010519491231002Y": "最后一位应为数字或大写字母X",
        "A1010519491231002X": "前17位应为数字",
        "110105194912310021": "校验码不正确（GB 11643-1999）",
    }
    for value, message in cases.items():
        with pytest.raises(ValidationError, match=message) as caught:
            validate_resident_id(value)
        assert caught.value.code == "invalid_resident_id"


def test_the_validator_accepts_a_valid_number():
    validate_resident_id(VALID_ID)


def test_invalid_numbers_have_no_birth_date_or_sex():
    assert birth_date_from_resident_id("110105194912310021") is None
    assert sex_from_resident_id("110105194912310021") is None


def test_non_strings_are_invalid():
    assert not is_valid_resident_id(None)  # type: ignore[arg-type]
    assert not is_valid_uscc(12345)  # type: ignore[arg-type]


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date.today())
regions = st.text("0123456789", min_size=6, max_size=6)
sequences = st.integers(min_value=0, max_value=999)


@given(region=regions, born=birth_dates, sequence=sequences)
def test_generated_numbers_round_trip(region, born, sequence):
    value = _with_check(f"{region}{born:%Y%m%d}{sequence:03d}")
    assert is_valid_resident_id(value)
    assert birth_date_from_resident_id(value) == born
    assert sex_from_resident_id(value) == ("male" if sequence % 2 else "female")


@given(
    region=regions,
    born=birth_dates,
    sequence=sequences,
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from(ID_CHARS),
)
def test_generated_numbers_with_one_changed_character_are_refused(
    region, born, sequence, position, replacement
):
    value = _with_check(f"{region}{born:%Y%m%d}{sequence:03d}")
    if value[position] == replacement:
        return
    mutated = value[:position] + replacement + value[position + 1 :]
    assert not is_valid_resident_id(mutated)


# --- unified social credit codes -------------------------------------------------------


def test_the_standard_credit_code_example_is_valid():
    assert is_valid_uscc(VALID_USCC)
    validate_uscc(VALID_USCC)


@pytest.mark.parametrize("position", range(18))
def test_any_changed_credit_code_character_is_refused(position):
    for c in USCC_ALPHABET:
        if c == VALID_USCC[position]:
            continue
        assert not is_valid_uscc(VALID_USCC[:position] + c + VALID_USCC[position + 1 :])


@pytest.mark.parametrize("letter", "IOSVZ")
@pytest.mark.parametrize("position", range(18))
def test_forbidden_letters_are_refused_anywhere(letter, position):
    value = VALID_USCC[:position] + letter + VALID_USCC[position + 1 :]
    assert not is_valid_uscc(value)
    with pytest.raises(ValidationError, match=r"不允许的字符（I、O、S、V、Z）（GB 32100-2015）"):
        validate_uscc(value)


def test_a_forbidden_letter_with_a_matching_check_character_is_still_refused():
    # Give O the value of 0: a code whose check matches if O were read as zero.
    assert not is_valid_uscc("9135O1" + VALID_USCC[6:])


def test_lowercase_credit_codes_are_refused():
    assert not is_valid_uscc(VALID_USCC.lower())
    with pytest.raises(ValidationError, match="只能由数字和大写英文字母组成"):
        validate_uscc(VALID_USCC.lower())


def test_credit_code_validator_messages():
    with pytest.raises(ValidationError, match="应为18位") as caught:
        validate_uscc(VALID_USCC[:17])
    assert caught.value.code == "invalid_uscc"
    with pytest.raises(ValidationError, match="校验码不正确（GB 32100-2015）"):
        validate_uscc(VALID_USCC[:17] + "4")


def test_check_value_31_is_written_as_0():
    # Find a body whose weighted sum is a multiple of 31, then its check character is "0".
    body = "9135010000000000"
    for c in USCC_ALPHABET:
        if uscc_check_char(body + c) == "0":
            assert is_valid_uscc(body + c + "0")
            return
    pytest.fail("no body with check value 0 found")


uscc_bodies = st.text(USCC_ALPHABET, min_size=17, max_size=17)


@given(body=uscc_bodies)
def test_generated_credit_codes_are_valid(body):
    assert is_valid_uscc(body + uscc_check_char(body))


@given(body=uscc_bodies, position=st.integers(0, 17), replacement=st.sampled_from(USCC_ALPHABET + "IOSVZ"))
def test_generated_credit_codes_with_one_changed_character_are_refused(body, position, replacement):
    value = body + uscc_check_char(body)
    if value[position] == replacement:
        return
    assert not is_valid_uscc(value[:position] + replacement + value[position + 1 :])


# --- phones ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["13812345678", "19912345678", "16612345678"])
def test_mobile_numbers(value):
    assert is_valid_mobile(value)
    assert is_valid_phone(value)


@pytest.mark.parametrize(
    "value", ["12812345678", "1381234567", "138123456789", "+8613812345678", "138 1234 5678"]
)
def test_not_mobile_numbers(value):
    assert not is_valid_mobile(value)


@pytest.mark.parametrize(
    "value",
    [
        "023-55123456",
        "02355123456",
        "(023)55123456",
        "（023）55123456",
        "010-65123456",
        "0755-8123456",
        "023-55123456-801",
        "023-55123456转801",
    ],
)
def test_landline_numbers(value):
    assert is_valid_phone(value)
    validate_phone(value)


@pytest.mark.parametrize(
    "value", ["", "55123456", "023-0123456", "23-55123456", "023--55123456", "电话", "023-5512"]
)
def test_not_phone_numbers(value):
    assert not is_valid_phone(value)
    with pytest.raises(ValidationError) as caught:
        validate_phone(value)
    assert caught.value.code == "invalid_phone"
