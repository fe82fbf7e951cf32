"""Examples for the container and ESXi `TUX-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

SH = Lang.BASH
BAT = Lang.BATCH
PS = Lang.POWERSHELL

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TUX-250", SH, "docker run -it -v /:/host ubuntu chroot /host bash"),
    ("TUX-250", SH, "nsenter --target 1 --mount --uts --ipc --net --pid -- bash"),
    ("TUX-251", SH, "docker run --privileged -d alpine sleep 1000"),
    (
        "TUX-252",
        SH,
        'echo 1 > /tmp/cgrp/x/notify_on_release\necho "$host_path/cmd" > /tmp/cgrp/release_agent',
    ),
    ("TUX-253", SH, "curl --unix-socket /var/run/docker.sock http://localhost/containers/json"),
    ("TUX-254", SH, "kubectl exec -it web-0 -- /bin/sh"),
    ("TUX-255", SH, "kubectl apply -f pod.yaml"),
    ("TUX-256", SH, "docker ps -a\nkubectl get pods -A"),
    ("TUX-257", SH, "kubectl get secrets -A -o yaml"),
    ("TUX-257", SH, "cat /var/run/secrets/kubernetes.io/serviceaccount/token"),
    ("TUX-258", SH, "kubectl create cronjob x --image=alpine --schedule='*/1 * * * *' -- id"),
    (
        "TUX-259",
        SH,
        "kubectl create clusterrolebinding x --clusterrole=cluster-admin"
        " --serviceaccount=default:x",
    ),
    (
        "TUX-260",
        BAT,
        'echo "" | plink.exe -batch "esx01" -ssh -l root -pw "password"'
        ' "esxcli system account list"',
    ),
    ("TUX-260", SH, "sshpass -p pw ssh root@esx01 'vim-cmd vmsvc/getallvms'"),
    ("TUX-261", SH, "esxcli system account list"),
    ("TUX-262", SH, "esxcli vm process list\nvim-cmd vmsvc/getallvms"),
    ("TUX-263", SH, "esxcli vm process kill --type=force --world-id=12345"),
    ("TUX-263", SH, "vim-cmd vmsvc/power.off 12"),
    ("TUX-264", SH, "vim-cmd vmsvc/snapshot.removeall 12"),
    ("TUX-265", SH, "esxcli network firewall set --enabled false"),
    ("TUX-266", SH, "esxcli system syslog config set --loghost=''"),
    ("TUX-267", SH, "esxcli system settings kernel set -s execInstalledOnly -v FALSE"),
    ("TUX-267", SH, "esxcli software acceptance set --level=CommunitySupported"),
    ("TUX-268", SH, "esxcli software vib install -v /tmp/x.vib --no-sig-check"),
    ("TUX-269", SH, "esxcli system welcomemsg set -m 'files encrypted'"),
    ("TUX-270", SH, "vim-cmd hostsvc/enable_ssh"),
    ("TUX-270", PS, "Get-VMHost | Get-VMHostService | Where Key -eq TSM-SSH | Start-VMHostService"),
    ("TUX-271", SH, "esxcli system account set -i root -p 'N3w!' -c 'N3w!'"),
    ("TUX-272", SH, "find /vmfs/volumes/ -name '*.vmdk'"),
    ("TUX-273", SH, "esxcli system version get"),
    ("TUX-274", SH, "esxcli network ip connection list"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, 'docker run --rm -v "$PWD":/src -w /src golang:1.22 go build ./...\ndocker ps'),
    (SH, "kubectl get pods -n web\nkubectl logs deploy/web\nkubectl apply -f deploy.yaml"),
    (SH, "esxcli system version get\nesxcli network firewall set --enabled true"),
    (SH, "esxcli software vib install -d /vmfs/volumes/ds1/driver.zip"),
)
