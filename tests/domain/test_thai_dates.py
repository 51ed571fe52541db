import datetime as dt

import pytest

from korat_desktop.domain.digits import fold_digits, to_ascii_digits, to_thai_digits
from korat_desktop.domain.thai_dates import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    be_year,
    calendar_year_range,
    clock_text,
    find_dates,
    fiscal_year,
    fiscal_year_range,
    format_thai_date,
    format_thai_time,
    parse_date,
    to_thai_time,
)
from korat_desktop.errors import DomainError


def test_buddhist_era_year():
    assert be_year(dt.date(2026, 1, 1)) == 2569
    assert be_year(dt.date(1983, 6, 1)) == 2526


def test_month_names_are_complete_and_official():
    assert len(THAI_MONTHS) == 12 and len(THAI_MONTHS_ABBR) == 12
    assert THAI_MONTHS[0] == "มกราคม" and THAI_MONTHS[11] == "ธันวาคม"
    assert THAI_MONTHS_ABBR[3] == "เม.ย." and THAI_MONTHS_ABBR[10] == "พ.ย."


def test_format_dates_full_abbr_and_thai_digits():
    day = dt.date(2026, 11, 21)
    assert format_thai_date(day) == "21 พฤศจิกายน 2569"
    assert format_thai_date(day, "abbr") == "21 พ.ย. 2569"
    assert format_thai_date(day, "abbr", thai_digits=True) == "๒๑ พ.ย. ๒๕๖๙"
    assert format_thai_date(day, lang="en") == "21 Nov 2569 BE"


@pytest.mark.parametrize(("day", "fy"), [
    (dt.date(2024, 9, 30), 2567),
    (dt.date(2024, 10, 1), 2568),
    (dt.date(2025, 9, 30), 2568),
    (dt.date(2025, 10, 1), 2569),
])
def test_fiscal_year_runs_october_to_september(day, fy):
    assert fiscal_year(day) == fy


def test_fiscal_and_calendar_ranges():
    assert fiscal_year_range(2568) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert calendar_year_range(2569) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_thai_local_time_crosses_the_new_year_before_utc():
    # 31 Dec 2025 18:30 UTC is already 1 Jan 2026 01:30 in Thailand.
    moment = dt.datetime(2025, 12, 31, 18, 30, tzinfo=dt.UTC)
    local = to_thai_time(moment)
    assert local.date() == dt.date(2026, 1, 1)
    assert format_thai_time(moment) == "01.30 น."
    assert format_thai_time(moment, thai_digits=True) == "๐๑.๓๐ น."


def test_digits_round_trip_and_fold():
    assert to_thai_digits("ที่ นม 0017.1/1234") == "ที่ นม ๐๐๑๗.๑/๑๒๓๔"
    assert to_ascii_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert fold_digits("เลข ๑๒๓ and 456") == "เลข 123 and 456"


def test_clock_text_is_written_the_official_way_in_thai():
    assert clock_text("09:05") == "09.05 น."
    assert clock_text("9:05", "th") == "09.05 น."
    assert clock_text("09:05", "en") == "09:05"
    assert clock_text("soon") == "soon"  # not a time: left as it came


@pytest.mark.parametrize(("text", "day"), [
    ("25/11/2569", dt.date(2026, 11, 25)),
    ("๒๕/๑๑/๒๕๖๙", dt.date(2026, 11, 25)),
    ("25-11-2569", dt.date(2026, 11, 25)),
    ("2569-11-25", dt.date(2026, 11, 25)),
    ("2026-11-25", dt.date(2026, 11, 25)),
    ("25 พฤศจิกายน 2569", dt.date(2026, 11, 25)),
    ("๒๕ พ.ย. ๒๕๖๙", dt.date(2026, 11, 25)),
    ("25 พย. 2569", dt.date(2026, 11, 25)),
    ("1 มี.ค. 2569", dt.date(2026, 3, 1)),
    ("1 ม.ค. 2569", dt.date(2026, 1, 1)),
    ("25 พฤศจิกายน พ.ศ. 2569", dt.date(2026, 11, 25)),
    ("25 เดือน พฤศจิกายน พ.ศ. 2569", dt.date(2026, 11, 25)),
    ("25 พฤศจิกายน ค.ศ. 2026", dt.date(2026, 11, 25)),
    ("25/11/2026", dt.date(2026, 11, 25)),
    ("25 Nov 2569 BE", dt.date(2026, 11, 25)),
    ("25 พ.ย. 69", dt.date(2026, 11, 25)),
])
def test_parse_date_takes_the_forms_letters_and_clerks_write(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/2/2569", "25/13/2569", "25/11/2300", "วันนี้",
                                  "25 พฤศจิกายน 2569 เวลา 10.00 น.", "", "2569-02-30",
                                  "25 พฤศจิกายน พ.ศ. 2026"])
def test_parse_date_refuses_what_is_not_one_whole_date(text):
    with pytest.raises(DomainError) as e:
        parse_date(text)
    assert e.value.code == "domain.bad_date"


def test_find_dates_finds_each_date_where_it_stands():
    text = "ที่ นม ๐๐๑๗.๑/๑๒๓๔ วันที่ ๓ มี.ค. ๒๕๖๙ ประชุม 10/3/2569 ครั้งที่ 4/2569"
    found = find_dates(text)
    assert [f.day for f in found] == [dt.date(2026, 3, 3), dt.date(2026, 3, 10)]
    assert [text[f.start:f.end] for f in found] == ["๓ มี.ค. ๒๕๖๙", "10/3/2569"]
    assert [f.month_named for f in found] == [True, False]
    assert found[0].era == "be" and not found[0].era_printed
