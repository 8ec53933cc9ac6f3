"""The composer's form. It only collects and checks input: saving goes
through ``newsdesk.news.actions``, which validate again (one write path)."""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.news import actions, languages
from newsdesk.news.models import Article, ArticleSource, Author, Coverage

SOURCE_SLOTS = 5
BYLINE_SLOTS = 4
SAFE_SCHEMES = {"http", "https", "mailto"}

_TARGETS = [
    re.compile(r"\]\(\s*<?([^)>\s]*)"),  # [text](target)
    re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE),  # [ref]: target
    re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^>\s]*)>"),  # <scheme:...>
    re.compile(
        r"""(?:href|src|formaction|action|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
        re.I,
    ),
]
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_links(markdown: str) -> list[str]:
    """Link and image targets with a scheme other than http, https or mailto.

    The renderer would drop them anyway; the desk refuses them so that what
    the writer meant is not silently lost.
    """
    found = []
    text = html.unescape(markdown)
    for pattern in _TARGETS:
        for match in pattern.finditer(text):
            raw = next(g for g in match.groups() if g is not None)
            target = _INVISIBLE.sub("", raw).lower()
            scheme = _SCHEME.match(target)
            if scheme and scheme.group(1) not in SAFE_SCHEMES:
                found.append(raw.strip()[:60])
    return found


class ComposerForm(forms.Form):
    headline = forms.CharField(
        label=gettext_lazy("Headline"), required=True, max_length=actions.MAX_HEADLINE
    )
    lede = forms.CharField(
        label=gettext_lazy("Lede"),
        required=False,
        max_length=actions.MAX_LEDE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=gettext_lazy("Body (Markdown)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    tags = forms.CharField(
        label=gettext_lazy("Tags"),
        required=False,
        help_text=gettext_lazy("Comma-separated; new tags are created."),
        max_length=1000,
    )
    language = forms.CharField(label=gettext_lazy("Language"), max_length=16, required=False)
    is_breaking = forms.BooleanField(label=gettext_lazy("Breaking"), required=False)
    coverages = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Live coverages"),
        queryset=Coverage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    image = forms.FileField(label=gettext_lazy("Featured image"), required=False)
    image_alt = forms.CharField(
        label=gettext_lazy("Image description (alt text)"), required=False, max_length=300
    )
    image_caption = forms.CharField(
        label=gettext_lazy("Caption"), required=False, max_length=actions.MAX_IMAGE_CAPTION
    )
    image_credit = forms.CharField(
        label=gettext_lazy("Credit (photographer, agency)"),
        required=False,
        max_length=actions.MAX_IMAGE_CREDIT,
    )
    remove_image = forms.BooleanField(label=gettext_lazy("Remove the image"), required=False)
    # An image for the body: stored, then its Markdown line goes in the text.
    inline_image = forms.FileField(label=gettext_lazy("Image for the body"), required=False)
    inline_alt = forms.CharField(
        label=gettext_lazy("Its description (alt text)"), required=False, max_length=300
    )
    inline_caption = forms.CharField(
        label=gettext_lazy("Its caption"), required=False, max_length=actions.MAX_IMAGE_CAPTION
    )
    inline_credit = forms.CharField(
        label=gettext_lazy("Its credit"), required=False, max_length=actions.MAX_IMAGE_CREDIT
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    change = forms.ChoiceField(
        label=gettext_lazy("This change is"),
        required=False,
        choices=[
            ("minor", gettext_lazy("a minor edit (typo, wording): shows “Updated”")),
            ("correction", gettext_lazy("a correction: readers see the note below")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Public correction note"),
        required=False,
        max_length=actions.MAX_CORRECTION,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The language is one of the site's (the actions check it); an older
        # update's language outside that list stays choosable.
        codes = list(languages.site_languages())
        current = str(self["language"].value() or "")
        if current and languages.in_site(current, codes) is None:
            codes.append(current)
        self.fields["language"].widget = forms.Select(
            choices=[(code, f"{languages.name_local(code)} ({code})") for code in codes]
        )
        self._offer_coverages()
        authors = [("", "—")] + [(str(a.pk), a.name) for a in Author.objects.order_by("name")]
        for i in range(BYLINE_SLOTS):
            self.fields[f"author_{i}"] = forms.ChoiceField(
                label=_("Author %(n)d") % {"n": i + 1}, choices=authors, required=False
            )
        styles = ArticleSource.QuoteStyle.choices
        for i in range(SOURCE_SLOTS):
            self.fields[f"source_{i}_outlet"] = forms.CharField(
                label=_("Outlet"), required=False, max_length=120
            )
            self.fields[f"source_{i}_url"] = forms.CharField(
                label=_("URL"), required=False, max_length=500
            )
            self.fields[f"source_{i}_style"] = forms.ChoiceField(
                label=_("Quoted as"), choices=styles, required=False
            )

    def _offer_coverages(self) -> None:
        """The open live coverages, and those the update is already in (an
        ended one stays checked; the action refuses joining one)."""
        chosen = self.data.getlist("coverages") if hasattr(self.data, "getlist") else []
        chosen = [*chosen, *(self.initial.get("coverages") or [])]
        ids = [int(c) for c in chosen if str(c).isdigit() and len(str(c)) < 19]
        field = self.fields["coverages"]
        field.queryset = Coverage.objects.filter(  # type: ignore[attr-defined]
            Q(ended_at__isnull=True) | Q(pk__in=ids)
        ).order_by("-started_at", "-id")

    # Per-field checks ---------------------------------------------------

    def clean_body(self) -> str:
        body = str(self.cleaned_data.get("body") or "")
        if len(body) > actions.MAX_BODY:
            raise ValidationError(
                _("The body is too long: %(length)s characters, the limit is %(limit)s.")
                % {
                    "length": number_format(len(body), force_grouping=True),
                    "limit": number_format(actions.MAX_BODY, force_grouping=True),
                }
            )
        bad = unsafe_links(body)
        if bad:
            raise ValidationError(
                _("Links must start with http://, https:// or mailto:. Remove or fix: %(links)s")
                % {"links": ", ".join(bad[:3])}
            )
        return body

    def clean_publish_at(self) -> datetime | None:
        value = self.cleaned_data.get("publish_at")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)  # in the site's time zone
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sources = []
        for i in range(SOURCE_SLOTS):
            outlet = (data.get(f"source_{i}_outlet") or "").strip()
            url = (data.get(f"source_{i}_url") or "").strip()
            style = data.get(f"source_{i}_style") or ArticleSource.QuoteStyle.AS_QUOTED_BY
            if not outlet and not url:
                continue
            if not outlet:
                self.add_error(f"source_{i}_outlet", _("Name the outlet this source is from."))
                continue
            if url:
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError:
                    self.add_error(
                        f"source_{i}_url",
                        _("“%(url)s” is not a web address (http:// or https://).")
                        % {"url": url[:80]},
                    )
                    continue
            sources.append(actions.SourceInput(outlet=outlet, url=url, quote_style=style))
        data["sources"] = sources
        chosen: list[int] = []
        for i in range(BYLINE_SLOTS):
            value = data.get(f"author_{i}")
            if value and int(value) not in chosen:
                chosen.append(int(value))
        by_pk = Author.objects.in_bulk(chosen)
        data["authors"] = [by_pk[pk] for pk in chosen if pk in by_pk]
        data["tag_list"] = [t.strip() for t in (data.get("tags") or "").split(",") if t.strip()]
        if data.get("change") == "correction" and not (data.get("note") or "").strip():
            self.add_error("note", _("A correction needs a public note explaining what changed."))
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for readers who cannot see it."))
        return data

    # Between the form and the actions -----------------------------------

    def changes(self) -> dict[str, Any]:
        """The fields the actions take, from cleaned data."""
        data = self.cleaned_data
        return {
            "headline": data["headline"],
            "lede": data.get("lede") or "",
            "body": data.get("body") or "",
            "tags": data["tag_list"],
            "authors": data["authors"],
            "sources": data["sources"],
            "is_breaking": bool(data.get("is_breaking")),
            "language": (data.get("language") or "").strip() or None,
        }


def initial_for(article: Article) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "headline": article.headline,
        "lede": article.lede,
        "body": article.body,
        "tags": ", ".join(t.name for t in article.tags.all()),
        "language": article.language,
        "is_breaking": article.is_breaking,
        "coverages": [c.pk for c in article.coverages.all()],
        "version": article.version,
        "image_alt": article.image_alt,
        "image_caption": article.image_caption,
        "image_credit": article.image_credit,
        "change": "minor",
    }
    for i, byline in enumerate(article.bylines.select_related("author")[:BYLINE_SLOTS]):
        initial[f"author_{i}"] = str(byline.author_id)
    for i, source in enumerate(article.sources.all()[:SOURCE_SLOTS]):
        initial[f"source_{i}_outlet"] = source.outlet
        initial[f"source_{i}_url"] = source.url
        initial[f"source_{i}_style"] = source.quote_style
    if article.status == Article.Status.SCHEDULED and article.published_at:
        initial["publish_at"] = timezone.localtime(article.published_at).strftime("%Y-%m-%dT%H:%M")
    return initial


def initial_from_data(data: dict[str, Any]) -> dict[str, Any]:
    """An autosave's stored fields back into the form (only known names)."""
    names = set(ComposerForm().fields)
    skipped = {"image", "version", "inline_image"}
    return {k: v for k, v in data.items() if k in names and k not in skipped}
