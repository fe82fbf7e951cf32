"""Rules for ATT&CK techniques against containers, Kubernetes and ESXi hypervisors.

Rule ids are `TUX-NNN` (250-289). Container escapes, cluster-admin grants and ESXi commands
that kill virtual machines or strip the host's protections weigh heavily; listing containers
and VMs weighs little. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import near, technique

TAGS = frozenset({"technique", "containers"})
_DOCKER_RUN = r"\b(?:docker|podman|nerdctl)\s{1,3}(?:container\s{1,3})?(?:run|create)\b"
_ESXCLI = r"\besxcli\s{1,3}(?:--\w{1,20}[= ]\S{1,60}\s{1,3}){0,3}"

RULES = (
    technique(
        "TUX-250",
        "Mounts the host's root file system into a container or enters host namespaces",
        "T1611",
        40,
        (
            near(_DOCKER_RUN, r"\s(?:-v|--volume)[= ]\s{0,3}[\"']?/:/", 300),
            near(_DOCKER_RUN, r"\s--pid[= ]host\b(?:(?!\bdocker\b)[^\n]){0,200}?\bnsenter\b", 300),
            r"\bchroot\s{1,3}/(?:host|mnt/host|hostfs|rootfs)\b",
            r"\bnsenter\s{1,3}(?:-\w{1,3}\s{1,3}|--\w{2,10}\s{1,3}){0,6}(?:--target|-t)\s{1,3}1\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-251",
        "Starts a privileged container",
        "T1611",
        15,
        (near(_DOCKER_RUN, r"\s--privileged\b", 300), r"\bprivileged:\s{0,3}true\b"),
        tags=TAGS,
    ),
    technique(
        "TUX-252",
        "Abuses the cgroup release_agent to run code on the host",
        "T1611",
        50,
        (r"\brelease_agent\b", r"\bnotify_on_release\b"),
        tags=TAGS,
    ),
    technique(
        "TUX-253",
        "Talks to the Docker socket from inside a container or script",
        "T1611",
        25,
        (
            near(r"\bcurl\b", r"--unix-socket\s{1,3}[\"']?/(?:var/)?run/docker\.sock\b", 200),
            near(
                _DOCKER_RUN, r"\s(?:-v|--volume)[= ]\s{0,3}[\"']?/(?:var/)?run/docker\.sock:", 300
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-254",
        "Runs a command inside a running container",
        "T1609",
        4,
        r"\bkubectl\s{1,3}(?:-n\s{1,3}\S{1,60}\s{1,3})?exec\b|\b(?:docker|crictl|podman)\s{1,3}exec\b",
        tags=TAGS,
    ),
    technique(
        "TUX-255",
        "Deploys a container or pod",
        "T1610",
        2,
        (
            _DOCKER_RUN,
            r"\bkubectl\s{1,3}(?:-n\s{1,3}\S{1,60}\s{1,3})?(?:run|apply|create\s{1,3}(?:deployment|pod"
            r"|job))\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-256",
        "Lists containers, images and cluster resources",
        "T1613",
        3,
        (
            r"\b(?:docker|podman)\s{1,3}(?:ps|images|info|network\s{1,3}ls|inspect)\b",
            r"\bkubectl\s{1,3}(?:-n\s{1,3}\S{1,60}\s{1,3})?get\s{1,3}(?:pods?|nodes|namespaces"
            r"|deployments|services|all|po)\b",
            r"\bcrictl\s{1,3}(?:ps|pods|images)\b|\bkubectl\s{1,3}auth\s{1,3}can-i\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-257",
        "Reads Kubernetes secrets or the service-account token",
        "T1552.007",
        25,
        (
            r"\bkubectl\s{1,3}(?:-n\s{1,3}\S{1,60}\s{1,3})?(?:get|describe)\s{1,3}secrets?\b",
            r"/var/run/secrets/kubernetes\.io/serviceaccount/token\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-258",
        "Schedules a Kubernetes cron job",
        "T1053.007",
        10,
        r"\bkubectl\s{1,3}(?:-n\s{1,3}\S{1,60}\s{1,3})?create\s{1,3}cronjob\b|\bkind:\s{0,3}CronJob\b",
        tags=TAGS,
    ),
    technique(
        "TUX-259",
        "Binds an account to the cluster-admin role",
        "T1098.006",
        35,
        near(
            r"\bkubectl\s{1,3}create\s{1,3}(?:cluster)?rolebinding\b",
            r"--clusterrole[= ]cluster-admin\b",
            300,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-260",
        "Runs hypervisor commands on a remote ESXi host over SSH or plink",
        ("T1059.012", "T1021.004"),
        25,
        (
            near(r"\bplink(?:\.exe)?\b", r"\b(?:esxcli|vim-cmd|vmkfstools)\b", 300),
            near(r"\bssh\b", r"[\"']\s{0,3}(?:esxcli|vim-cmd|vmkfstools)\b", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-261",
        "Lists ESXi local accounts",
        "T1087.001",
        10,
        rf"{_ESXCLI}system\s{{1,3}}account\s{{1,3}}list\b",
        tags=TAGS,
    ),
    technique(
        "TUX-262",
        "Lists virtual machines on a hypervisor",
        "T1673",
        4,
        (
            rf"{_ESXCLI}vm\s{{1,3}}process\s{{1,3}}list\b",
            r"\bvim-cmd\s{1,3}vmsvc/getallvms\b",
            r"\bVBoxManage(?:\.exe)?\s{1,3}list\s{1,3}(?:vms|runningvms)\b|\bvirsh\s{1,3}list\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-263",
        "Kills or powers off virtual machines on ESXi",
        "T1529",
        40,
        (
            rf"{_ESXCLI}vm\s{{1,3}}process\s{{1,3}}kill\b",
            r"\bvim-cmd\s{1,3}vmsvc/power\.(?:off|shutdown|suspend)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-264",
        "Deletes all snapshots of ESXi virtual machines",
        "T1490",
        45,
        r"\bvim-cmd\s{1,3}vmsvc/snapshot\.removeall\b",
        tags=TAGS,
    ),
    technique(
        "TUX-265",
        "Turns off the ESXi firewall",
        "T1562.004",
        45,
        (
            near(
                rf"{_ESXCLI}network\s{{1,3}}firewall\s{{1,3}}set\b",
                r"--(?:enabled[= ](?:false|0)|default-action[= ](?:true|pass))\b",
                120,
            ),
            rf"{_ESXCLI}network\s{{1,3}}firewall\s{{1,3}}unload\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-266",
        "Redirects or clears ESXi syslog and audit settings",
        "T1562.006",
        40,
        (
            near(
                rf"{_ESXCLI}system\s{{1,3}}syslog\s{{1,3}}config\s{{1,3}}set\b",
                r"--(?:loghost|logdir|logdir-unique)[= ]\s{0,3}(?:[\"']{2}|/tmp|/dev/null)",
                120,
            ),
            rf"{_ESXCLI}system\s{{1,3}}auditrecords\s{{1,3}}local\s{{1,3}}disable\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-267",
        "Weakens ESXi execution or account protections",
        "T1562.001",
        45,
        (
            near(
                rf"{_ESXCLI}system\s{{1,3}}settings\s{{1,3}}kernel\s{{1,3}}set\b",
                r"\bexecInstalledOnly\b(?:(?!\besxcli\b)[^\n]){0,30}?\b(?:FALSE|0)\b",
                120,
            ),
            near(
                rf"{_ESXCLI}software\s{{1,3}}acceptance\s{{1,3}}set\b",
                r"--level[= ](?:CommunitySupported|PartnerSupported)\b",
                120,
            ),
            near(
                rf"{_ESXCLI}system\s{{1,3}}settings\s{{1,3}}advanced\s{{1,3}}set\b",
                r"/(?:Security/AccountLock\w{1,20}|UserVars/ESXiShell(?:Interactive)?TimeOut)\b",
                120,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-268",
        "Installs an unsigned vSphere installation bundle (VIB)",
        "T1505.006",
        45,
        near(
            rf"{_ESXCLI}software\s{{1,3}}vib\s{{1,3}}install\b",
            r"\s(?:--no-sig-check|-f|--force)\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-269",
        "Changes the ESXi welcome message (defacement or ransom note)",
        "T1491.001",
        35,
        (
            rf"{_ESXCLI}system\s{{1,3}}welcomemsg\s{{1,3}}set\b",
            r"\bvim-cmd\s{1,3}hostsvc/advopt/update\s{1,3}Annotations\.WelcomeMessage\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-270",
        "Enables SSH on an ESXi host",
        "T1021.004",
        25,
        (
            r"\bvim-cmd\s{1,3}hostsvc/(?:enable|start)_ssh\b",
            near(
                rf"{_ESXCLI}network\s{{1,3}}firewall\s{{1,3}}ruleset\s{{1,3}}set\b",
                r"\bsshServer\b(?:(?!\besxcli\b)[^\n]){0,40}?\b(?:true|1)\b",
                120,
            ),
            near(r"\b(?:Start|Set)-VMHostService\b", r"\bTSM-SSH\b", 200),
            near(r"\bTSM-SSH\b", r"\b(?:Start|Set)-VMHostService\b", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-271",
        "Changes ESXi account passwords or permissions",
        "T1098",
        30,
        (
            near(
                rf"{_ESXCLI}system\s{{1,3}}account\s{{1,3}}set\b", r"\s(?:-p|--password)[= ]", 120
            ),
            near(
                rf"{_ESXCLI}system\s{{1,3}}permission\s{{1,3}}set\b",
                r"\s(?:-r|--role)[= ]Admin\b",
                120,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-272",
        "Lists virtual disks on ESXi datastores",
        "T1083",
        10,
        (
            near(r"\bfind\s{1,3}/vmfs/volumes\b", r"\.(?:vmdk|vmx|vmsn|vswp)\b", 120),
            rf"{_ESXCLI}storage\s{{1,3}}(?:filesystem|vmfs\s{{1,3}}extent)\s{{1,3}}list\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-273",
        "Queries ESXi host details",
        "T1082",
        4,
        (
            rf"{_ESXCLI}(?:system\s{{1,3}}(?:version|hostname|uuid)\s{{1,3}}get|hardware\s{{1,3}}\w{{2,20}}"
            r"\s{1,3}(?:get|list))\b",
            r"\bvim-cmd\s{1,3}hostsvc/hostsummary\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-274",
        "Queries ESXi network interfaces and connections",
        ("T1016", "T1049"),
        4,
        rf"{_ESXCLI}network\s{{1,3}}(?:ip\s{{1,3}}(?:interface|connection|dns\s{{1,3}}server)|nic)"
        r"\s{1,3}list\b",
        tags=TAGS,
    ),
)
"""Containers, Kubernetes and ESXi."""
