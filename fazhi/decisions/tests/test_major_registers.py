"""The catalogue and decision registers keep the register contract."""

from fazhi.core.tests.register_contract import RegisterContract
from fazhi.decisions.definitions import major
from fazhi.decisions.tests.factories_major import catalogue_of, make_decision


class TestCataloguesRegister(RegisterContract):
    register = major.catalogues

    def make(self, town, n):
        return [catalogue_of(town, 2000 + i + (1 if town.code.endswith("2") else 0) * 50) for i in range(n)]


class TestDecisionsRegister(RegisterContract):
    register = major.decisions

    def make(self, town, n):
        return [make_decision(town) for _ in range(n)]
