"""Bulk benchmark data: many published articles, fast.

Benchmarks need 10,000 or 1,000,000 articles; the actions take a few
milliseconds each, which is right for a newsroom and wrong for a million
rows. This loader writes the same rows the actions would (article, byline,
tags, one public ``article.published`` event each) in bulk, with bodies
rendered once by the real renderer, and leaves the outbox consumers caught
up, as on a site that has been running. It is for benchmarks only: nothing in
the product calls it.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from newsdesk.news.models import Article, ArticleAuthor, Author, Event, Tag
from newsdesk.news.reading import count_words, reading_time
from newsdesk.news.rendering import render_markdown

TAGS = ["Energy", "Ceasefire talks", "Grid", "Transport", "Civilians", "Markets", "Weather",
        "Refugees", "Sanctions", "Diplomacy", "Front line", "Grain exports"]  # fmt: skip
BODY = (
    "Crews worked through the night to restore power to two districts, the operator said.\n\n"
    "Officials expect the repairs to hold if the weather stays dry. " * 3
)


def seed(count: int, batch: int = 5000) -> None:
    rng = random.Random(1)
    body_html = render_markdown(BODY)
    words = count_words(body_html)
    author, _ = Author.objects.get_or_create(
        slug="bench-writer", defaults={"name": "Bench Writer", "bio": "Writes benchmarks."}
    )
    tags = [Tag.objects.get_or_create(slug=t.lower().replace(" ", "-"), name=t)[0] for t in TAGS]
    through = Article.tags.through
    start = timezone.now() - timedelta(days=365)
    step = timedelta(days=364) / max(1, count)
    done = Article.objects.count()
    while done < count:
        n = min(batch, count - done)
        with transaction.atomic():
            articles = [
                Article(
                    headline=f"Update {i}: repairs continue on the northern line",
                    slug=f"bench-update-{i}",
                    lede="Crews worked through the night to restore power to two districts.",
                    body=BODY,
                    body_html=body_html,
                    status=Article.Status.PUBLISHED,
                    published_at=start + step * i,
                    word_count=words,
                    reading_time=reading_time(words),
                    version=2,
                )
                for i in range(done, done + n)
            ]
            Article.objects.bulk_create(articles)
            made = list(
                Article.objects.filter(slug__in=[a.slug for a in articles]).values_list(
                    "id", "slug", "published_at"
                )
            )
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article_id=pk, author=author, position=0) for pk, _, _ in made
            )
            through.objects.bulk_create(
                through(article_id=pk, tag_id=tag.pk)
                for pk, _, _ in made
                for tag in rng.sample(tags, 2)
            )
            Event.objects.bulk_create(
                Event(
                    type=Event.Type.PUBLISHED,
                    article_id=pk,
                    public=True,
                    payload={"id": pk, "slug": slug, "url": f"/news/{slug}/"},
                    created_at=when or timezone.now(),
                )
                for pk, slug, when in made
            )
        done += n
    mark_delivered()


def mark_delivered() -> None:
    """The seeded archive is history: move every outbox consumer (webhooks,
    WebSub) past it, as a running site's worker would have long ago. Left at
    zero, the worker that ``newsdesk serve`` embeds plans deliveries for the
    whole archive (two minutes of CPU and write lock at a million events)
    while the benchmark measures the same process."""
    from newsdesk.hooks.consumers import registered
    from newsdesk.hooks.models import Cursor

    newest = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for consumer in registered():
        Cursor.objects.update_or_create(consumer=consumer.name, defaults={"last_event_id": newest})
