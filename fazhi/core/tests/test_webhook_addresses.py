"""Webhook receivers and server-side request forgery: an address that resolves to
loopback, link-local, private, multicast or unspecified space is refused when the
subscription is saved and again at each attempt, and an attempt connects to the
addresses it checked. Names are resolved by a fake resolver: no network needed."""

from __future__ import annotations

import ipaddress

import pytest
from django.core.exceptions import ValidationError
from huey.contrib.djhuey import HUEY

from fazhi.core import live, webhooks
from fazhi.core.choices import DeliveryStatus
from fazhi.core.models import WebhookDelivery, WebhookSubscription
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.live_helpers import NEWS

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.216.34"


@pytest.fixture(autouse=True)
def _strict(settings):
    """The production default, whatever the environment says; an empty queue."""
    settings.FAZHI_WEBHOOK_ALLOW_PRIVATE = False
    settings.REDIS_URL = ""
    settings.FAZHI_LIVE_SETTLE_SECONDS = 0
    HUEY.storage.flush_all()
    yield
    HUEY.storage.flush_all()


@pytest.fixture
def dns(monkeypatch):
    """A resolver of our own: {name: [addresses]}; an IP literal is itself; any
    other name does not resolve."""
    names: dict[str, list[str]] = {"county.example.cn": [PUBLIC]}

    def resolve(host, port):
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        if host not in names:
            raise OSError("Name or service not known")
        return list(names[host])

    monkeypatch.setattr(webhooks, "_resolve", resolve)
    return names


def _port(receiver) -> int:
    return int(receiver.url.rsplit(":", 1)[1].split("/", 1)[0])


@pytest.fixture
def sysadmin(client):
    user = user_with_role("sys_admin", "sysadmin", None)
    login(client, user)
    return user


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "本机回环地址"),
        ("127.8.9.10", "本机回环地址"),
        ("::1", "本机回环地址"),
        ("::ffff:127.0.0.1", "本机回环地址"),
        ("10.1.2.3", "内网地址"),
        ("172.16.5.4", "内网地址"),
        ("192.168.1.10", "内网地址"),
        ("100.64.0.1", "内网地址"),
        ("fd12:3456::1", "内网地址"),
        ("169.254.169.254", "链路本地地址"),
        ("fe80::1", "链路本地地址"),
        ("fe80::1%eth0", "链路本地地址"),
        ("224.0.0.1", "组播地址"),
        ("ff02::1", "组播地址"),
        ("0.0.0.0", "未指定地址"),  # noqa: S104  (the address under test, not a bind)
        ("::", "未指定地址"),
        (PUBLIC, ""),
        ("2606:2800:220:1:248:1893:25c8:1946", ""),
    ],
)
def test_which_addresses_are_refused(address, kind):
    assert webhooks.refused_kind(address) == kind


def test_allowing_private_addresses_still_refuses_link_local_multicast_and_unspecified(settings):
    settings.FAZHI_WEBHOOK_ALLOW_PRIVATE = True
    assert [webhooks.refused_kind(a) for a in ("127.0.0.1", "10.1.2.3", "::1", "fd12::1")] == [""] * 4
    assert webhooks.refused_kind("169.254.169.254") == "链路本地地址"
    assert webhooks.refused_kind("224.0.0.1") == "组播地址"
    assert webhooks.refused_kind("0.0.0.0") == "未指定地址"  # noqa: S104


def test_one_refused_address_among_several_refuses_the_name(dns):
    dns["mixed.example.cn"] = [PUBLIC, "10.0.0.8"]
    with pytest.raises(webhooks.AddressRefused, match="内网地址"):
        webhooks.check_url("https://mixed.example.cn/hook")
    assert webhooks.check_url("https://county.example.cn/hook") == [PUBLIC]


def test_an_unresolvable_name_is_refused(dns):
    with pytest.raises(webhooks.AddressRefused) as exc:
        webhooks.check_url("https://nowhere.example.cn/hook")
    assert str(exc.value) == "无法解析接收地址的主机名 nowhere.example.cn"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://127.0.0.1:8000/hook/", "本机回环地址"),
        ("http://169.254.169.254/latest/meta-data/", "链路本地地址"),
        ("http://[::ffff:10.0.0.1]/hook/", "内网地址"),
        ("https://intranet.example.cn/hook/", "内网地址"),
        ("https://nowhere.example.cn/hook/", "无法解析"),
    ],
)
def test_a_subscription_to_an_inside_address_is_refused_on_the_page(
    client, sysadmin, town_a, news_kind, dns, url, words
):
    dns["intranet.example.cn"] = ["192.168.10.20"]
    response = client.post(
        "/core/webhooks/new/", {"org_unit": town_a.pk, "name": "县级平台", "url": url, "kinds": [NEWS]}
    )
    assert response.status_code == 200 and not WebhookSubscription.objects.exists()
    assert words in response.content.decode()


def test_a_public_address_is_accepted_and_an_edit_to_an_inside_one_refused(
    client, sysadmin, town_a, news_kind, dns
):
    data = {"org_unit": town_a.pk, "name": "县级平台", "url": "https://county.example.cn/hook/", "kinds": [NEWS],
            "active": "on"}  # fmt: skip
    assert client.post("/core/webhooks/new/", data).status_code == 200
    subscription = WebhookSubscription.objects.get()
    dns["localhost"] = ["127.0.0.1", "::1"]
    response = client.post(
        f"/core/webhooks/{subscription.pk}/edit/", {**data, "url": "http://localhost:8080/"}
    )
    assert response.status_code == 200 and "本机回环地址" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.url == "https://county.example.cn/hook/"


def test_the_actions_refuse_too(town_a, news_kind, dns):
    sysadmin = user_with_role("sys_x", "sysadmin", None)
    with pytest.raises(ValidationError) as exc:
        webhooks.create_subscription(
            actor=sysadmin,
            data={
                "org_unit": town_a,
                "name": "x",
                "url": "http://10.0.0.1/",
                "kinds": [NEWS],
                "active": True,
            },
        )
    assert "url" in exc.value.message_dict
    subscription, _ = webhooks.create_subscription(
        actor=sysadmin,
        data={
            "org_unit": town_a,
            "name": "x",
            "url": "https://county.example.cn/",
            "kinds": [NEWS],
            "active": True,
        },
    )
    # A subscription whose name now leads inside can still be switched off.
    dns["county.example.cn"] = ["10.0.0.1"]
    webhooks.update_subscription(subscription, actor=sysadmin, data={"active": False})
    subscription.refresh_from_db()
    assert subscription.active is False


def test_a_name_that_moved_inside_after_saving_is_refused_at_delivery(town_a, news_kind, receiver, dns):
    subscription = WebhookSubscription.objects.create(
        org_unit=town_a, name="县级平台", url=f"http://county.example.cn:{_port(receiver)}/hook/", kinds=[NEWS],
        secret=webhooks.new_secret(),
    )  # fmt: skip
    dns["county.example.cn"] = ["127.0.0.1"]  # DNS rebinding: the name now points home
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert receiver.requests == []
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "本机回环地址" in delivery.last_error and delivery.last_status_code is None
    assert "本机回环地址" in delivery.attempt_log[0]["error"]


def test_an_attempt_connects_to_the_address_it_checked(town_a, news_kind, receiver, dns, settings):
    """The name exists only in the fake resolver: the POST reaches the receiver only
    because the connection goes to the checked address, the Host header unchanged."""
    settings.FAZHI_WEBHOOK_ALLOW_PRIVATE = True
    port = _port(receiver)
    dns["receiver.fazhi.invalid"] = ["127.0.0.1"]
    WebhookSubscription.objects.create(
        org_unit=town_a, name="本机接收", url=f"http://receiver.fazhi.invalid:{port}/hook/", kinds=[NEWS],
        secret=webhooks.new_secret(),
    )  # fmt: skip
    live.publish_now(NEWS, town_a.pk, {"n": 1})
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED
    (request,) = receiver.requests
    assert request.headers["Host"] == f"receiver.fazhi.invalid:{port}"
