"""Notifications about deadlines (提醒): a daily digest of what is overdue or due
soon, and an immediate notice when an item turns red, sent by periodic huey jobs
(fazhi/reports/tasks.py) on the channels each user chose, every notice logged as a
`Notice` row and an audit event.

    channels.py   in-app, email, webhook and SMS (through a gateway interface)
    digest.py     what a digest or a red notice says, who gets it, the sending
    actions.py    the user's own writes: channel settings, marking notices read
    views.py      my notices (the in-app inbox) and my channels
"""
