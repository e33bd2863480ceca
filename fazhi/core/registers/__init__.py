"""The register base: list, detail, create, edit, Excel import/export and an API
viewset for any scoped model, from one `Register` definition. docs/development.md
shows how to add a register."""

from fazhi.core.registers.base import Column, ExcelColumn, Register, registry

__all__ = ["Column", "ExcelColumn", "Register", "registry"]
