"""The principal leaders' duty (第一责任人): the year's work plan and task board
(挂图作战), the rule-of-law leading group, admonition talks, duty reports, the
rule-of-law meetings, and the enforcement responsibility system (行政执法责任制).

Each concern has its module here (forms, filters, actions, definitions, views,
api, roles); the models live in `fazhi.oversight.models` (taskboard, duty,
meetings, responsibility), the figures in `fazhi.oversight.statistics_duty`."""
