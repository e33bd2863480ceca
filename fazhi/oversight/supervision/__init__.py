"""Supervision of the town's work: government information disclosure (政务公开),
deputies' suggestions and CPPCC proposals (建议提案), and inspections and
appraisals (督查评议), whose findings become rectification items. Its models live
in `fazhi.oversight.models` (disclosure, proposals, inspections); everything else
is in this package, one module per layer (roles, forms, filters, actions,
definitions, views, api)."""
