"""Outgoing webhooks: subscriptions, signing, delivery with retries."""
