"""Reports written from the records: the annual report on rule-of-law government
building (法治政府建设年度报告). Every figure is a query over a register."""
