import pytest

from fazhi.core.masking import mask_address, mask_bank_account, mask_name, mask_phone, mask_resident_id

ALL = [mask_name, mask_resident_id, mask_phone, mask_address, mask_bank_account]


@pytest.mark.parametrize("mask", ALL)
@pytest.mark.parametrize("value", [None, ""])
def test_nothing_gives_empty_text(mask, value):
    assert mask(value) == ""


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张**"),
        ("欧阳小明", "欧***"),
        ("张", "*"),
        ("John Smith", "J*** *****"),
        ("阿卜杜·热合曼", "阿**·***"),
        (" 张三 ", "张*"),
    ],
)
def test_names(name, masked):
    assert mask_name(name) == masked


def test_resident_id_keeps_region_and_last_four():
    assert mask_resident_id("11010519491231002X") == "110105********002X"


def test_unusual_resident_id_lengths():
    assert mask_resident_id("110105491231002") == "110**********02"
    assert mask_resident_id("12345") == "*****"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("023-55123456", "023-******56"),
        ("02355123456", "023******56"),
        ("(023)55123456", "(023)******56"),
        ("023-55123456-801", "023-******56-***"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("12345", "*****"),
    ],
)
def test_phones(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("重庆市云阳县江口镇某某村3组25号", "重庆市云阳县江口镇****"),
        ("重庆市云阳县双江街道滨江路12号", "重庆市云阳县双江街道****"),
        ("云阳县某某乡某村", "云阳县某某乡****"),
        ("江苏省镇江市京口区象山街道某路1号", "江苏省镇江市京口区象山街道****"),
        ("云南省镇雄县某某镇某村", "云南省镇雄县某某镇****"),
        ("江口镇市场路3号", "江口镇****"),
        ("重庆市云阳县人民路8号", "重庆市****"),
        ("某某村3组25号", "****"),
        ("重庆市云阳县江口镇", "重庆市云阳县江口镇"),
    ],
)
def test_addresses_keep_the_township(address, masked):
    assert mask_address(address) == masked


def test_masked_address_hides_the_house_number():
    assert "25" not in mask_address("重庆市云阳县江口镇某某村3组25号")


def test_bank_account_keeps_last_four():
    assert mask_bank_account("6222021234567890123") == "***************0123"
    assert mask_bank_account("6222 0212 3456 7890 123") == "***************0123"
    assert mask_bank_account("123") == "***"
