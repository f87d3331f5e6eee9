"""The fetch policy: which addresses count as public, and what the instance's settings allow."""

from __future__ import annotations

import ipaddress

import pytest

from jobtracker.capture.policy import is_public_address, policy_from_settings
from jobtracker.config import Settings


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_a_public_address_is_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "2002:0a00:0001::1",  # 6to4 around 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
        "::7f00:1",  # IPv4-compatible 127.0.0.1
        "fec0::1",  # site-local
        "192.0.2.10",  # documentation
        "ff02::1",  # multicast
    ],
)
def test_an_address_carrying_or_naming_a_private_one_is_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


def test_the_instance_allows_no_private_host_by_default() -> None:
    assert policy_from_settings(Settings()).allowed_private_hosts == frozenset()


def test_the_instance_allows_the_private_hosts_its_admin_lists() -> None:
    settings = Settings(capture_allowed_private_hosts=" Jobs.Intranet.Example , [fd00::1],")

    policy = policy_from_settings(settings)

    assert policy.allowed_private_hosts == frozenset({"jobs.intranet.example", "fd00::1"})


def test_the_user_agent_gives_the_instance_address() -> None:
    policy = policy_from_settings(Settings(public_url="https://jobs.example.org"))

    assert policy.user_agent.startswith("JobTracker/")
    assert policy.user_agent.endswith(" (+https://jobs.example.org)")
