#!/usr/bin/env python3
"""An independent reading of phishing mail, for checking src/intake/mail.c.

Uses Python's email package (not GMime) to find the original message, its
sender, its URL list and the SHA-256 of each attachment's decoded bytes,
following the rules of doc/mail-intake.md written again from the text, not
from the C code:

- a message/rfc822 part directly under the top multipart (or the top body
  itself) is the forwarded original;
- a leaf text/plain or text/html part without a file name and not
  "attachment" is a body; every other leaf is an attachment;
- URLs: in text bodies http(s):// up to white space or one of < > " ' `,
  without trailing . , ; : ! ? ) ] } '; in HTML bodies the href of <a> and
  <area> tags with &amp; and numeric references decoded, when http(s);
  text URLs first, then HTML ones, each once, in order.

Prints one JSON object per file: {"file", "sender", "urls", "attachments"}.
"""
import email
import email.policy
import hashlib
import html
import json
import re
import sys

TEXT_URL = re.compile(r"""[hH][tT][tT][pP][sS]?://[^\x00-\x20<>"'`\x7f]+""")
TRAILING = ".,;:!?)]}'"
TAG = re.compile(r"<(a|area)\s[^>]*>", re.I)
HREF = re.compile(r"""\shref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]*))""", re.I)


def text_urls(text):
    out = []
    for m in TEXT_URL.finditer(text):
        u = m.group(0).rstrip(TRAILING)
        if re.match(r"(?i)https?://.+", u):
            out.append(u)
    return out


def html_urls(doc):
    out = []
    for m in TAG.finditer(doc):
        h = HREF.search(m.group(0))
        if not h:
            continue
        v = next(g for g in h.groups()[1:] if g is not None)
        v = decode_entities(v).strip()
        # a browser drops tabs and newlines in a URL and sends a space as %20
        v = re.sub(r"[\t\r\n]", "", v).replace(" ", "%20")
        if re.match(r"(?i)https?://", v):
            out.append(v)
    return out


def decode_entities(s):
    # the references a link carries: &amp; &lt; &gt; &quot; &apos; &nbsp;
    # and numeric ones for printable ASCII
    def num(m):
        v = int(m.group(1)[1:], 16) if m.group(1)[0] in "xX" else int(m.group(1))
        return chr(v) if 0x20 <= v < 0x7F else m.group(0)
    s = re.sub(r"&#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7});?", num, s)
    for k, v in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"),
                 ("&nbsp;", " "), ("&#x2F;", "/"), ("&amp;", "&")):
        s = re.sub(re.escape(k), v, s, flags=re.I)
    return s


def leaves(part, depth, found):
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        for p in part.get_payload():
            yield from leaves(p, depth + 1, found)
    elif part.get_content_type() == "message/rfc822":
        inner = part.get_payload()[0] if isinstance(part.get_payload(), list) else None
        if depth <= 1 and found is not None and not found:
            found.append(inner)
            return
        if inner is not None:
            yield from leaves(inner, depth + 1, None)
    else:
        yield part


def body_text(part):
    data = part.get_payload(decode=True) or b""
    cs = part.get_content_charset() or "utf-8"
    try:
        return data.decode(cs, errors="replace")
    except LookupError:
        return data.decode("latin-1")


def describe(msg, depth, allow_inner):
    found = [] if allow_inner else None
    texts, htmls, atts = [], [], []
    for p in leaves(msg, depth, found):
        ctype = p.get_content_type()
        disp = (p.get("Content-Disposition") or "").split(";")[0].strip().lower()
        if ctype in ("text/plain", "text/html") and disp != "attachment" and not p.get_filename():
            (texts if ctype == "text/plain" else htmls).append(body_text(p))
        else:
            data = p.get_payload(decode=True) or b""
            atts.append(hashlib.sha256(data).hexdigest())
    return found[0] if found else None, texts, htmls, atts


def read(path):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    inner, texts, htmls, atts = describe(msg, 0, True)
    orig = msg
    if inner is not None:
        orig = inner
        _, texts, htmls, atts = describe(inner, 1, False)
    # The sender: the first address with an @ in From (a display name with
    # an unquoted comma is not an address), raw UTF-8 bytes kept.
    sender = None
    parsed = email.message_from_bytes(orig.as_bytes(), policy=email.policy.default)
    try:
        for a in parsed["From"].addresses if parsed["From"] is not None else ():
            if "@" in a.addr_spec:
                sender = a.addr_spec.encode("utf-8", "surrogateescape").decode(
                    "utf-8", "replace").lower()
                break
    except Exception:
        sender = None
    urls = []
    for t in texts:
        urls += text_urls(t)
    for h in htmls:
        urls += html_urls(h)
    seen, uniq = set(), []
    for u in urls:
        u = u[:2048]
        if u not in seen:
            seen.add(u)
            uniq.append(u)
    return {"file": path.rsplit("/", 1)[-1], "sender": sender, "urls": uniq,
            "attachments": atts, "forward": "rfc822" if inner is not None else "direct"}


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(json.dumps(read(p), ensure_ascii=False))
