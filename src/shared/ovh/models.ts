// GENERATED FILE, do not edit. Made by scripts/generate-ovh-models.ts from
// src/shared/ovh/reference-models.json, the dashboard's subset of OVH's /1.0/dedicatedCloud.json models.
// Regenerate: npm run generate:ovh-models
// Re-vendor from a saved copy of OVH's full schema first: npm run generate:ovh-models -- --from PATH

import { z } from 'zod';

/** A numeric value tagged with its unit (`complexType.UnitAndValue<T>`) */
export const complexTypeUnitAndValueSchema = <T extends z.ZodType>(inner: T) =>
  z.object({
    unit: z.string(),
    value: inner,
  });
export type ComplexTypeUnitAndValue<T> = z.infer<
  ReturnType<typeof complexTypeUnitAndValueSchema<z.ZodType<T>>>
>;

/** The billing type of this Dedicated Cloud (`dedicatedCloud.BillingTypeEnum`) */
export const BillingTypeEnumValues = ['demo', 'monthly'] as const;
export const BillingTypeEnumSchema = z.enum(BillingTypeEnumValues);
export type BillingTypeEnum = z.infer<typeof BillingTypeEnumSchema>;

/** Modes of the AutoScale service (`dedicatedCloud.cluster.AutoScaleModeEnum`) */
export const ClusterAutoScaleModeEnumValues = ['automatic', 'manual'] as const;
export const ClusterAutoScaleModeEnumSchema = z.enum(ClusterAutoScaleModeEnumValues);
export type ClusterAutoScaleModeEnum = z.infer<typeof ClusterAutoScaleModeEnumSchema>;

/** States of a Dedicated Cloud option (`dedicatedCloud.option.StateEnum`) */
export const OptionStateEnumValues = [
  'disabled',
  'disabling',
  'enabled',
  'enabling',
  'error',
  'migrating',
  'unknown',
] as const;
export const OptionStateEnumSchema = z.enum(OptionStateEnumValues);
export type OptionStateEnum = z.infer<typeof OptionStateEnumSchema>;

/** Details about AutoScale (`dedicatedCloud.cluster.AutoScale`) */
export const ClusterAutoScaleSchema = z.object({
  /** Mode of Auto Scale-In Host operation */
  autoScaleInHost: ClusterAutoScaleModeEnumSchema,
  /** Mode of Auto Scale-Out Host operation */
  autoScaleOutHost: ClusterAutoScaleModeEnumSchema,
  /** Mode of Auto Scale-Out Storage operation */
  autoScaleOutStorage: ClusterAutoScaleModeEnumSchema,
  /** AutoScale configuration id */
  configId: z.number().int(),
  /** Id of the AutoScale Service */
  id: z.number().int(),
  /** Maintenace Mode for AutoScale service */
  inMaintenanceMode: z.boolean(),
  /** State of the Autoscale service */
  state: OptionStateEnumSchema,
});
export type ClusterAutoScale = z.infer<typeof ClusterAutoScaleSchema>;

/** Config status of the cluster (`dedicatedCloud.cluster.ClusterDrsModeEnum`) */
export const ClusterClusterDrsModeEnumValues = ['fullyAutomated', 'manual', 'partiallyAutomated'] as const;
export const ClusterClusterDrsModeEnumSchema = z.enum(ClusterClusterDrsModeEnumValues);
export type ClusterClusterDrsModeEnum = z.infer<typeof ClusterClusterDrsModeEnumSchema>;

/** Config status of the cluster (`dedicatedCloud.cluster.ClusterConfigsStatusEnum`) */
export const ClusterClusterConfigsStatusEnumValues = ['disabled', 'enabled', 'unknown'] as const;
export const ClusterClusterConfigsStatusEnumSchema = z.enum(ClusterClusterConfigsStatusEnumValues);
export type ClusterClusterConfigsStatusEnum = z.infer<typeof ClusterClusterConfigsStatusEnumSchema>;

/** Cluster (`dedicatedCloud.Cluster`) */
export const ClusterSchema = z.object({
  /** AutoScale associated to this cluster */
  autoscale: ClusterAutoScaleSchema.nullable(),
  /** Id of the cluster */
  clusterId: z.number().int(),
  /** Drs mode of the cluster */
  drsMode: ClusterClusterDrsModeEnumSchema,
  /** Drs status of the cluster */
  drsStatus: ClusterClusterConfigsStatusEnumSchema,
  /** Evc mode of the cluster */
  evcMode: z.string(),
  /** High availability status of the cluster */
  haStatus: ClusterClusterConfigsStatusEnumSchema,
  /** Name of the cluster */
  name: z.string(),
  /** The VMware MoRef of the cluster */
  vmwareClusterId: z.string(),
});
export type Cluster = z.infer<typeof ClusterSchema>;

/** The commercial name component (`dedicatedCloud.CommercialNameEnum`) */
export const CommercialNameEnumValues = [
  'CDI',
  'CDI-HDS',
  'CDI-HIPAA',
  'CDI-NSX',
  'CDI-NSX-T',
  'CDI-NSX-VROPS',
  'CDI-PCIDSS',
  'CDI-UNKNOWN',
  'CDI-VROPS',
  'DC',
  'DC-ANCIENT',
  'DC-ANCIENT-HDS',
  'DC-ANCIENT-HIPAA',
  'DC-ANCIENT-NSX',
  'DC-ANCIENT-NSX-T',
  'DC-ANCIENT-NSX-VROPS',
  'DC-ANCIENT-PCIDSS',
  'DC-ANCIENT-UNKNOWN',
  'DC-ANCIENT-VROPS',
  'DC-HDS',
  'DC-HIPAA',
  'DC-LEGACY',
  'DC-LEGACY-HDS',
  'DC-LEGACY-HIPAA',
  'DC-LEGACY-NSX',
  'DC-LEGACY-NSX-T',
  'DC-LEGACY-NSX-VROPS',
  'DC-LEGACY-PCIDSS',
  'DC-LEGACY-UNKNOWN',
  'DC-LEGACY-VROPS',
  'DC-NSX',
  'DC-NSX-T',
  'DC-NSX-VROPS',
  'DC-PCIDSS',
  'DC-UNKNOWN',
  'DC-VROPS',
  'ESSENTIALS',
  'ESSENTIALS-HDS',
  'ESSENTIALS-HIPAA',
  'ESSENTIALS-NSX',
  'ESSENTIALS-NSX-T',
  'ESSENTIALS-NSX-VROPS',
  'ESSENTIALS-PCIDSS',
  'ESSENTIALS-UNKNOWN',
  'ESSENTIALS-VROPS',
  'NSX-T',
  'NSX-T-DEFAULT',
  'NSX-T-HDS',
  'NSX-T-NSX',
  'NSX-T-NSX-VROPS',
  'NSX-T-PCIDSS',
  'NSX-T-VROPS',
  'NSX-T-VROPS-WITHOUT-NSX',
  'NSX-T-WITHOUT-NSX',
  'PREMIER',
  'PREMIER-DEFAULT',
  'PREMIER-HDS',
  'PREMIER-HIPAA',
  'PREMIER-NSX',
  'PREMIER-NSX-T',
  'PREMIER-NSX-VROPS',
  'PREMIER-PCIDSS',
  'PREMIER-UNKNOWN',
  'PREMIER-VROPS',
  'SDDC',
  'SDDC-DEFAULT',
  'SDDC-HDS',
  'SDDC-HIPAA',
  'SDDC-LEGACY',
  'SDDC-LEGACY-HDS',
  'SDDC-LEGACY-HIPAA',
  'SDDC-LEGACY-PCIDSS',
  'SDDC-LEGACY-UNKNOWN',
  'SDDC-LEGACY-VROPS',
  'SDDC-LEGACY-VROPS-WITHOUT-NSX',
  'SDDC-LEGACY-WITHOUT-NSX',
  'SDDC-PCIDSS',
  'SDDC-UNKNOWN',
  'SDDC-VROPS',
  'SDDC-VROPS-WITHOUT-NSX',
  'SDDC-WITHOUT-NSX',
  'UNKNOWN',
  'UNKNOWN-HDS',
  'UNKNOWN-HIPAA',
  'UNKNOWN-NSX',
  'UNKNOWN-NSX-T',
  'UNKNOWN-NSX-VROPS',
  'UNKNOWN-PCIDSS',
  'UNKNOWN-UNKNOWN',
  'UNKNOWN-VROPS',
  'UNKNOWN-VSPHERE',
  'VSPHERE',
  'VSPHERE-DEFAULT',
  'VSPHERE-HDS',
  'VSPHERE-NSX',
  'VSPHERE-NSX-VROPS',
  'VSPHERE-PCIDSS',
  'VSPHERE-VROPS',
  'VSPHERE-VROPS-WITHOUT-NSX',
  'VSPHERE-WITHOUT-NSX',
] as const;
export const CommercialNameEnumSchema = z.enum(CommercialNameEnumValues);
export type CommercialNameEnum = z.infer<typeof CommercialNameEnumSchema>;

/** Virtual datacenter (`dedicatedCloud.Datacenter`) */
export const DatacenterSchema = z.object({
  /** The commercial name of this Datacenter */
  commercialName: CommercialNameEnumSchema,
  /** The commercial range associated to this Datacenter */
  commercialRangeName: z.string(),
  /** Id of the Datacenter */
  datacenterId: z.number().int(),
  description: z.string(),
  /** Name of the associated Horizon View service if the VDI option is enabled */
  horizonViewName: z.string().nullable(),
  /** Check if this datacenter is removable (Need to be Empty) */
  isRemovable: z.boolean(),
  name: z.string(),
  /** Os version installed on your VMware on OVHcloud */
  version: z.string(),
});
export type Datacenter = z.infer<typeof DatacenterSchema>;

/** A structure describing the vmware bool policy data object (`dedicatedCloud.vmwareBoolPolicy`) */
export const VmwareBoolPolicySchema = z.object({
  inherited: z.boolean(),
  value: z.boolean(),
});
export type VmwareBoolPolicy = z.infer<typeof VmwareBoolPolicySchema>;

/** A structure describing the vmware DVSSecurityPolicy data object (`dedicatedCloud.DvsSecurityPolicy`) */
export const DvsSecurityPolicySchema = z.object({
  allowPromiscuous: VmwareBoolPolicySchema,
  forgedTransmits: VmwareBoolPolicySchema,
  macChanges: VmwareBoolPolicySchema,
});
export type DvsSecurityPolicy = z.infer<typeof DvsSecurityPolicySchema>;

/** All nodes types for a Filer (`dedicatedCloud.filer.NodeTypeEnum`) */
export const FilerNodeTypeEnumValues = ['master', 'slave'] as const;
export const FilerNodeTypeEnumSchema = z.enum(FilerNodeTypeEnumValues);
export type FilerNodeTypeEnum = z.infer<typeof FilerNodeTypeEnumSchema>;

/** The billing type of this Dedicated Cloud ressource (`dedicatedCloud.ressources.BillingTypeEnum`) */
export const RessourcesBillingTypeEnumValues = ['freeSpare', 'hourly', 'monthly', 'undefined'] as const;
export const RessourcesBillingTypeEnumSchema = z.enum(RessourcesBillingTypeEnumValues);
export type RessourcesBillingTypeEnum = z.infer<typeof RessourcesBillingTypeEnumSchema>;

/** Connexion states for a Dedicated Cloud Filer. (`dedicatedCloud.filer.ConnexionStateEnum`) */
export const FilerConnexionStateEnumValues = ['offline', 'online'] as const;
export const FilerConnexionStateEnumSchema = z.enum(FilerConnexionStateEnumValues);
export type FilerConnexionStateEnum = z.infer<typeof FilerConnexionStateEnumSchema>;

/** All states a Dedicated Cloud Filer can be in (`dedicatedCloud.filer.StateEnum`) */
export const FilerStateEnumValues = ['adding', 'delivered', 'error', 'removing', 'unknown'] as const;
export const FilerStateEnumSchema = z.enum(FilerStateEnumValues);
export type FilerStateEnum = z.infer<typeof FilerStateEnumSchema>;

/** Datastore (`dedicatedCloud.Filer`) */
export const FilerSchema = z.object({
  /** Filer active node. */
  activeNode: FilerNodeTypeEnumSchema.nullable(),
  /** Billing type of this filer */
  billingType: RessourcesBillingTypeEnumSchema.nullable(),
  /** Filer connexion state. */
  connectionState: FilerConnexionStateEnumSchema.nullable(),
  /** Filer Id */
  filerId: z.number().int(),
  /** Human-Readable profile name */
  fullProfile: z.string(),
  /** Filer accessibility (if true, customer cannot access it) */
  isManagedByOvh: z.boolean(),
  /** Filer master node hostname. */
  master: z.string(),
  /** Filer name */
  name: z.string(),
  /** Commercial profile name */
  profile: z.string(),
  /** Resource name */
  resourceName: z.string().nullable(),
  /** Filer capacity */
  size: complexTypeUnitAndValueSchema(z.number().int()),
  /** Filer slave node hostname. */
  slave: z.string().nullable(),
  /** Available space of this datastore, in GB */
  spaceFree: z.number().nullable(),
  /** Provisionned space of this datastore, in GB */
  spaceProvisionned: z.number().nullable(),
  /** Used Space of this filer, in GB */
  spaceUsed: z.number().nullable(),
  /** State of the filer */
  state: FilerStateEnumSchema,
  /** Number of virtual machine on the filer */
  vmTotal: z.number().int().nullable(),
});
export type Filer = z.infer<typeof FilerSchema>;

/** The generation of a Dedicated Cloud (`dedicatedCloud.GenerationEnum`) */
export const GenerationEnumValues = ['1.0', '2.0'] as const;
export const GenerationEnumSchema = z.enum(GenerationEnumValues);
export type GenerationEnum = z.infer<typeof GenerationEnumSchema>;

/** The connection state of the host (`dedicatedCloud.hostSystemConnectionState`) */
export const HostSystemConnectionStateValues = ['connected', 'disconnected', 'notResponding'] as const;
export const HostSystemConnectionStateSchema = z.enum(HostSystemConnectionStateValues);
export type HostSystemConnectionState = z.infer<typeof HostSystemConnectionStateSchema>;

/** All states a Dedicated Cloud Host can be in (`dedicatedCloud.host.StateEnum`) */
export const HostStateEnumValues = ['adding', 'delivered', 'error', 'removing', 'unknown'] as const;
export const HostStateEnumSchema = z.enum(HostStateEnumValues);
export type HostStateEnum = z.infer<typeof HostStateEnumSchema>;

/** Host (`dedicatedCloud.Host`) */
export const HostSchema = z.object({
  /** Billing type of the host */
  billingType: RessourcesBillingTypeEnumSchema,
  /** Cluster of the host */
  clusterName: z.string().nullable(),
  /** Connection state of the host */
  connectionState: HostSystemConnectionStateSchema.nullable(),
  /** CPU total frenquency */
  cpu: complexTypeUnitAndValueSchema(z.number()),
  /** The maximum speed of the cpu, in Mhz */
  cpuMax: z.number().int().nullable(),
  /** The speed of the CPU cores. This is an average value if there are multiple speeds. in Mhz */
  cpuMaxCore: z.number().int().nullable(),
  /** Number of physical CPU cores on the host. */
  cpuNum: z.number().int().nullable(),
  /** Current cpu utilization, in Mhz */
  cpuUsed: z.number().int().nullable(),
  /** Id of the host */
  hostId: z.number().int(),
  /** Host is in maintenance mode */
  inMaintenance: z.boolean().nullable(),
  /** Amount of used memory. Sum of the memory used by all powered on virtual machines and vSphere services on the host. in MB */
  memoryUsed: z.number().nullable(),
  /** Name of the host (IP address) */
  name: z.string(),
  /** Id of the parent host (if any) */
  parentHostId: z.number().int().nullable(),
  /** Host profile in a commercial range */
  profile: z.string(),
  /** Host profile code */
  profileCode: z.string(),
  /** Rack of the host */
  rack: z.string(),
  /** Total RAM quantity */
  ram: complexTypeUnitAndValueSchema(z.number().int()),
  /** Resource name */
  resourceName: z.string().nullable(),
  /** State of the host */
  state: HostStateEnumSchema,
  /** Host uptime in second */
  uptime: z.number().int().nullable(),
  /** Number of Virtual Machine on the host */
  vmTotal: z.number().int().nullable(),
  /** Number of Vcpu use by virtual machines on the host */
  vmVcpuTotal: z.number().int().nullable(),
});
export type Host = z.infer<typeof HostSchema>;

/** The management interface of this Dedicated Cloud (`dedicatedCloud.ManagementInterfaceEnum`) */
export const ManagementInterfaceEnumValues = [
  'azure',
  'openstack',
  'systemcenter',
  'vcloud',
  'vcsa',
  'vsphere',
] as const;
export const ManagementInterfaceEnumSchema = z.enum(ManagementInterfaceEnumValues);
export type ManagementInterfaceEnum = z.infer<typeof ManagementInterfaceEnumSchema>;

/** Determine how this user can act on the Dedicated Cloud vLans or vxLans (`dedicatedCloud.right.NetworkRoleEnum`) */
export const RightNetworkRoleEnumValues = ['admin', 'manager', 'noAccess', 'readonly'] as const;
export const RightNetworkRoleEnumSchema = z.enum(RightNetworkRoleEnumValues);
export type RightNetworkRoleEnum = z.infer<typeof RightNetworkRoleEnumSchema>;

/** All rights a Dedicated Cloud user may be associated with (`dedicatedCloud.right.RightEnum`) */
export const RightRightEnumValues = ['admin', 'disabled', 'readonly', 'readwrite'] as const;
export const RightRightEnumSchema = z.enum(RightRightEnumValues);
export type RightRightEnum = z.infer<typeof RightRightEnumSchema>;

/** Determine how this user can act on the Dedicated Cloud vmNetwork (`dedicatedCloud.right.VmNetworkRoleEnum`) */
export const RightVmNetworkRoleEnumValues = ['admin', 'noAccess', 'readonly'] as const;
export const RightVmNetworkRoleEnumSchema = z.enum(RightVmNetworkRoleEnumValues);
export type RightVmNetworkRoleEnum = z.infer<typeof RightVmNetworkRoleEnumSchema>;

/** User datacenter right (`dedicatedCloud.Right`) */
export const RightSchema = z.object({
  /** Determine if the user can add ressources in your VMware on OVHcloud */
  canAddRessource: z.boolean(),
  datacenterId: z.number().int(),
  /** Determine how this user can interact with the VMware on OVHcloud V(x)Lans */
  networkRole: RightNetworkRoleEnumSchema,
  /** Determine what kind of access the User will have in this Datacenter of your VMware on OVHcloud */
  right: RightRightEnumSchema,
  rightId: z.number().int(),
  /** Determine how this user can interact with the VMware on OVHcloud VM Network */
  vmNetworkRole: RightVmNetworkRoleEnumSchema,
});
export type Right = z.infer<typeof RightSchema>;

/** All states a Dedicated Cloud can be in (`dedicatedCloud.StateEnum`) */
export const StateEnumValues = [
  'available',
  'delivered',
  'disabled',
  'disabling',
  'error',
  'migrating',
  'provisionning',
  'recycling',
  'reserved',
  'toDisable',
  'toProvision',
  'toRecycle',
  'toRemove',
  'toUnprovision',
  'unprovisionning',
  'upgrading',
] as const;
export const StateEnumSchema = z.enum(StateEnumValues);
export type StateEnum = z.infer<typeof StateEnumSchema>;

/** All activation states a Dedicated Cloud User can have (`dedicatedCloud.user.ActivationStateEnum`) */
export const UserActivationStateEnumValues = [
  'disabled',
  'disabling',
  'enabled',
  'enabling',
  'toDisable',
  'toEnable',
] as const;
export const UserActivationStateEnumSchema = z.enum(UserActivationStateEnumValues);
export type UserActivationStateEnum = z.infer<typeof UserActivationStateEnumSchema>;

/** The type of the user (`dedicatedCloud.user.TypeEnum`) */
export const UserTypeEnumValues = ['group', 'user'] as const;
export const UserTypeEnumSchema = z.enum(UserTypeEnumValues);
export type UserTypeEnum = z.infer<typeof UserTypeEnumSchema>;

/** The type of the identity provider (`dedicatedCloud.user.IdentityProviderTypeEnum`) */
export const UserIdentityProviderTypeEnumValues = ['federation', 'iam'] as const;
export const UserIdentityProviderTypeEnumSchema = z.enum(UserIdentityProviderTypeEnumValues);
export type UserIdentityProviderTypeEnum = z.infer<typeof UserIdentityProviderTypeEnumSchema>;

/** All states a Dedicated Cloud User can be in (`dedicatedCloud.user.StateEnum`) */
export const UserStateEnumValues = ['creating', 'deleting', 'delivered', 'error'] as const;
export const UserStateEnumSchema = z.enum(UserStateEnumValues);
export type UserStateEnum = z.infer<typeof UserStateEnumSchema>;

/** User (`dedicatedCloud.User`) */
export const UserSchema = z.object({
  /** Activation state of the user account */
  activationState: UserActivationStateEnumSchema.nullable(),
  /** Deprecated - Linked Federation Active Directory (if any) */
  activeDirectoryId: z.number().int().nullable(),
  /** Deprecated - Federation Active Directory User type (if any) */
  activeDirectoryType: UserTypeEnumSchema.nullable(),
  /** Defines if the user can manage ip failovers */
  canManageIpFailOvers: z.boolean(),
  /** Defines if the user can manage the network */
  canManageNetwork: z.boolean(),
  /** Defines if the user can manage users rights */
  canManageRights: z.boolean(),
  /** Email address of the user */
  email: z.string().nullable(),
  /** Defines if the user can manage encryption / KMS configuration */
  encryptionRight: z.boolean(),
  /** First name of the user */
  firstName: z.string().nullable(),
  /** Defines if the user is a full admin in readonly */
  fullAdminRo: z.boolean(),
  /** Linked Identity Provider (if any), can be Federation Active Directory or IAM */
  identityProviderId: z.number().int().nullable(),
  /** Linked Identity Provider type (if any), can be Federation Active Directory or IAM */
  identityProviderType: UserIdentityProviderTypeEnumSchema.nullable(),
  /** Check if the given VMware on OVHcloud user can be enabled or disabled ? */
  isEnableManageable: z.boolean(),
  /** Defines if the user can confirm security tokens (if a compatible option is enabled) */
  isTokenValidator: z.boolean(),
  /** Last name of the user */
  lastName: z.string().nullable(),
  /** Login of the user */
  login: z.string(),
  /** Name of the user */
  name: z.string(),
  /** Is this User able to access nsx interface (requires NSX option) */
  nsxRight: z.boolean(),
  /** Mobile phone number of the user */
  phoneNumber: z.string().nullable(),
  /** Defines if the user receives technical alerts */
  receiveAlerts: z.boolean(),
  /** State of the user account */
  state: UserStateEnumSchema,
  /** User type (if any) */
  type: UserTypeEnumSchema.nullable(),
  userId: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;

/** Open or restricted access to management interface ? (`dedicatedCloud.UserAccessPolicyEnum`) */
export const UserAccessPolicyEnumValues = ['filtered', 'open'] as const;
export const UserAccessPolicyEnumSchema = z.enum(UserAccessPolicyEnumValues);
export type UserAccessPolicyEnum = z.infer<typeof UserAccessPolicyEnumSchema>;

/** Which user will be disconnected first in case of quota of maximum connection is reached (`dedicatedCloud.UserLogoutPolicyEnum`) */
export const UserLogoutPolicyEnumValues = ['first', 'last'] as const;
export const UserLogoutPolicyEnumSchema = z.enum(UserLogoutPolicyEnumValues);
export type UserLogoutPolicyEnum = z.infer<typeof UserLogoutPolicyEnumSchema>;

/** Detailed version (`dedicatedCloud.Version`) */
export const VersionSchema = z.object({
  build: z.string(),
  major: z.string(),
  minor: z.string(),
});
export type Version = z.infer<typeof VersionSchema>;

/** All the possible Days of Backup (`dedicatedCloud.backup.BackupDaysEnum`) */
export const BackupBackupDaysEnumValues = [
  'Friday',
  'Monday',
  'Saturday',
  'Sunday',
  'Thursday',
  'Tuesday',
  'Wednesday',
] as const;
export const BackupBackupDaysEnumSchema = z.enum(BackupBackupDaysEnumValues);
export type BackupBackupDaysEnum = z.infer<typeof BackupBackupDaysEnumSchema>;

/** State of the backup job (`dedicatedCloud.backup.JobStateEnum`) */
export const BackupJobStateEnumValues = [
  'failed',
  'running',
  'stopped',
  'stopping',
  'success',
  'unknown',
  'warning',
] as const;
export const BackupJobStateEnumSchema = z.enum(BackupJobStateEnumValues);
export type BackupJobStateEnum = z.infer<typeof BackupJobStateEnumSchema>;

/** All the offer type of the backup (`dedicatedCloud.backup.OfferTypeEnum`) */
export const BackupOfferTypeEnumValues = ['advanced', 'backup', 'classic', 'legacy', 'premium'] as const;
export const BackupOfferTypeEnumSchema = z.enum(BackupOfferTypeEnumValues);
export type BackupOfferTypeEnum = z.infer<typeof BackupOfferTypeEnumSchema>;

/** All the type of a restore point (`dedicatedCloud.backup.BackupTypeEnum`) */
export const BackupBackupTypeEnumValues = ['full', 'incremental'] as const;
export const BackupBackupTypeEnumSchema = z.enum(BackupBackupTypeEnumValues);
export type BackupBackupTypeEnum = z.infer<typeof BackupBackupTypeEnumSchema>;

/** Details about a restore point (`dedicatedCloud.backup.RestorePoint`) */
export const BackupRestorePointSchema = z.object({
  /** Creation time of the restore point */
  creationTime: z.string().nullable(),
  /** Show if the restore point is corrupted */
  isCorrupted: z.boolean().nullable(),
  /** Id of the restore point */
  restorePointId: z.number().int(),
  /** Size of the restore point */
  size: complexTypeUnitAndValueSchema(z.number().int()).nullable(),
  /** Type of the restore point */
  type: BackupBackupTypeEnumSchema.nullable(),
});
export type BackupRestorePoint = z.infer<typeof BackupRestorePointSchema>;

/** All the state of the backup (`dedicatedCloud.backup.StateEnum`) */
export const BackupStateEnumValues = [
  'deleting',
  'delivered',
  'disabled',
  'disabling',
  'enabling',
  'error',
  'migrating',
  'pending',
  'removed',
  'stopping',
  'toCreate',
  'toDelete',
  'toDisable',
  'toEnable',
  'toStop',
  'unknown',
] as const;
export const BackupStateEnumSchema = z.enum(BackupStateEnumValues);
export type BackupStateEnum = z.infer<typeof BackupStateEnumSchema>;

/** Details about a backup (`dedicatedCloud.backup.Backup`) */
export const BackupBackupSchema = z.object({
  /** Disk space allocated to the virtual machine (in GB) */
  allocatedDisk: z.number().nullable(),
  /** List of days your Virtual Machine will be backuped */
  backupDays: z.array(BackupBackupDaysEnumSchema).nullable(),
  /** Associated backup repository Id */
  backupRepositoryId: z.number().int().nullable(),
  /** Backup is encrypted */
  encryption: z.boolean().nullable(),
  /** Last creation time of the backup job */
  lastCreationTime: z.string().nullable(),
  /** Last duration of the backup job */
  lastDuration: complexTypeUnitAndValueSchema(z.number().int()).nullable(),
  /** Last result of the backup job */
  lastResult: BackupJobStateEnumSchema.nullable(),
  /** Last successful creation time of the backup job */
  lastSuccessfulCreationTime: z.string().nullable(),
  /** Last successful duration of the backup job */
  lastSuccessfulDuration: complexTypeUnitAndValueSchema(z.number().int()).nullable(),
  /** Offer type of the backup job */
  offerType: BackupOfferTypeEnumSchema.nullable(),
  /** Restore points of this backup job */
  restorePoints: z.array(BackupRestorePointSchema).nullable(),
  /** Number of days before the backup is deleted */
  retentionTime: z.number().int().nullable(),
  /** State of the backup job */
  state: BackupStateEnumSchema.nullable(),
});
export type BackupBackup = z.infer<typeof BackupBackupSchema>;

/** A structure describing the cdrom configuration of a virtual machine (`dedicatedCloud.virtualMachineCdrom`) */
export const VirtualMachineCdromSchema = z.object({
  connected: z.boolean().nullable(),
  iso: z.string().nullable(),
});
export type VirtualMachineCdrom = z.infer<typeof VirtualMachineCdromSchema>;

/** A structure describing filer disks of a the virtual machine (`dedicatedCloud.vmFilerDisk`) */
export const VmFilerDiskSchema = z.object({
  capacity: z.number(),
  id: z.string(),
});
export type VmFilerDisk = z.infer<typeof VmFilerDiskSchema>;

/** A structure describing filers of a the virtual machine (`dedicatedCloud.vmFiler`) */
export const VmFilerSchema = z.object({
  committed: z.number(),
  disks: z.array(VmFilerDiskSchema),
  name: z.string(),
});
export type VmFiler = z.infer<typeof VmFilerSchema>;

/** Managed license identifiers (including legacy ones) (`dedicatedCloud.spla.KmsLicenseIncludingLegacyEnum`) */
export const SplaKmsLicenseIncludingLegacyEnumValues = [
  'unknown or unsupported license',
  'windows 2008 R2 Datacenter',
  'windows 2008 R2 Enterprise',
  'windows 2008 R2 Standard',
  'windows 2008 R2 Web',
  'windows 2012 Datacenter',
  'windows 2012 R2 Datacenter',
  'windows 2012 R2 Standard',
  'windows 2012 R2 Standard SQL2016 Standard',
  'windows 2012 R2 Standard SQL2016 Web',
  'windows 2012 Standard',
  'windows 2016 Datacenter',
  'windows 2016 Standard',
  'windows 2016 Standard SQL2016 Standard',
  'windows 2016 Standard SQL2016 Web',
  'windows 2019 Datacenter',
  'windows 2019 Datacenter Core',
  'windows 2019 Standard',
  'windows 2019 Standard Core',
  'windows 2019 Standard SQL2019 Standard',
  'windows 2019 Standard SQL2019 Web',
  'windows 2019 Standard SQL2022 Standard',
  'windows 2019 Standard SQL2022 Web',
  'windows 2022 Datacenter',
  'windows 2022 Datacenter Core',
  'windows 2022 Datacenter SQL2019 Standard',
  'windows 2022 Datacenter SQL2019 Web',
  'windows 2022 Datacenter SQL2022 Standard',
  'windows 2022 Datacenter SQL2022 Web',
  'windows 2022 Standard',
  'windows 2022 Standard Core',
  'windows 2022 Standard SQL2019 Standard',
  'windows 2022 Standard SQL2019 Web',
  'windows 2022 Standard SQL2022 Standard',
  'windows 2022 Standard SQL2022 Web',
] as const;
export const SplaKmsLicenseIncludingLegacyEnumSchema = z.enum(SplaKmsLicenseIncludingLegacyEnumValues);
export type SplaKmsLicenseIncludingLegacyEnum = z.infer<typeof SplaKmsLicenseIncludingLegacyEnumSchema>;

/** The type of the network backing (`dedicatedCloud.vmNetworkBackingTypeEnum`) */
export const VmNetworkBackingTypeEnumValues = ['DVS', 'VSS'] as const;
export const VmNetworkBackingTypeEnumSchema = z.enum(VmNetworkBackingTypeEnumValues);
export type VmNetworkBackingTypeEnum = z.infer<typeof VmNetworkBackingTypeEnumSchema>;

/** A structure describing the backing network of a the virtual machine (`dedicatedCloud.vmNetworkBacking`) */
export const VmNetworkBackingSchema = z.object({
  carpState: z.string().nullable(),
  deviceName: z.string().nullable(),
  portGroupKey: z.string().nullable(),
  portKey: z.string().nullable(),
  portKeySecurityPolicy: DvsSecurityPolicySchema.nullable(),
  switchUuid: z.string().nullable(),
  type: VmNetworkBackingTypeEnumSchema,
  useAutoDetect: z.boolean().nullable(),
  valueMoref: z.string().nullable(),
});
export type VmNetworkBacking = z.infer<typeof VmNetworkBackingSchema>;

/** The connectable virtual device status (`dedicatedCloud.virtualDeviceConnectInfoStatus`) */
export const VirtualDeviceConnectInfoStatusValues = [
  'ok',
  'recoverableError',
  'unrecoverableError',
  'untried',
] as const;
export const VirtualDeviceConnectInfoStatusSchema = z.enum(VirtualDeviceConnectInfoStatusValues);
export type VirtualDeviceConnectInfoStatus = z.infer<typeof VirtualDeviceConnectInfoStatusSchema>;

/** A structure describing the network of a the virtual machine (`dedicatedCloud.vmNetwork`) */
export const VmNetworkSchema = z.object({
  allowGuestControl: z.boolean(),
  backing: VmNetworkBackingSchema,
  connected: z.boolean(),
  controler: z.string(),
  label: z.string(),
  macAddress: z.string(),
  startConnected: z.boolean(),
  status: VirtualDeviceConnectInfoStatusSchema,
});
export type VmNetwork = z.infer<typeof VmNetworkSchema>;

/** The power state of the virtual machine (`dedicatedCloud.virtualMachinePowerState`) */
export const VirtualMachinePowerStateValues = ['deleted', 'poweredOff', 'poweredOn', 'suspended'] as const;
export const VirtualMachinePowerStateSchema = z.enum(VirtualMachinePowerStateValues);
export type VirtualMachinePowerState = z.infer<typeof VirtualMachinePowerStateSchema>;

/** The fault tolerance state of the virtual machine (`dedicatedCloud.virtualMachineFaultToleranceState`) */
export const VirtualMachineFaultToleranceStateValues = [
  'disabled',
  'enabled',
  'needSecondary',
  'notConfigured',
  'running',
  'starting',
] as const;
export const VirtualMachineFaultToleranceStateSchema = z.enum(VirtualMachineFaultToleranceStateValues);
export type VirtualMachineFaultToleranceState = z.infer<typeof VirtualMachineFaultToleranceStateSchema>;

/** Virtual machine (`dedicatedCloud.Vm`) */
export const VmSchema = z.object({
  /** Backup associated to this Virtual Machine */
  backup: BackupBackupSchema.nullable(),
  /** Virtual machine cdroms devices */
  cdroms: z.array(VirtualMachineCdromSchema).nullable(),
  /** Cluster of the virtual machine. */
  clusterName: z.string().nullable(),
  /** Maximum CPU performance, in MHz. */
  cpuMax: z.number().nullable(),
  /** Number of processors in the virtual machine. */
  cpuNum: z.number().int().nullable(),
  /** Time that the virtual machine was ready, but could not get scheduled to run on the physical CPU. In millisecond */
  cpuReady: z.number().nullable(),
  /** Percentage of time that the virtual machine was ready, but could not get scheduled to run on the physical CPU. In percent */
  cpuReadyPercent: z.number().nullable(),
  /** Current CPU performance, in MHz. */
  cpuUsed: z.number().int().nullable(),
  /** List of filers in use by the virtual machine. */
  filers: z.array(VmFilerSchema).nullable(),
  /** Folder of the virtual machine. */
  folderName: z.string().nullable(),
  /** VMware guest configured OS family */
  guestOsFamily: z.string().nullable(),
  /** Name of the host hosting the virtual machine. */
  hostName: z.string().nullable(),
  /** Registered managed license */
  license: SplaKmsLicenseIncludingLegacyEnumSchema.nullable(),
  /** Memory size of the virtual machine, in MB */
  memoryMax: z.number().int().nullable(),
  /** Amount of guest memory that is shared with other virtual machines, in Mb */
  memoryTps: z.string().nullable(),
  /** Current memory utilization, in MB */
  memoryUsed: z.number().int().nullable(),
  /** moRef of the virtual machine. */
  moRef: z.string(),
  /** Name of the virtual machine. */
  name: z.string().nullable(),
  /** Number of packets received. */
  netPacketRx: z.number().nullable(),
  /** Number of packets transmitted. */
  netPacketTx: z.number().nullable(),
  /** Rate at which data is received. In KB/s */
  netRx: z.number().nullable(),
  /** Rate at which data is transmitted. In KB/s */
  netTx: z.number().nullable(),
  /** List of the networks link to this virtual machine */
  networks: z.array(VmNetworkSchema).nullable(),
  /** Power state of the virtual machine. */
  powerState: VirtualMachinePowerStateSchema,
  /** Amount of time for a read operation from the virtual disk. In millisecond */
  readLatency: z.number().nullable(),
  /** Number of read issued per second to the virtual disk. In millisecond */
  readPerSecond: z.number().nullable(),
  /** Rate of reading data from the virtual disk. In KB/s */
  readRate: z.number().nullable(),
  /** The index of the current VM in instanceUuids array starting from 1, so 1 means that it is the primary VM. */
  roleFt: z.string().nullable(),
  /** Number of snapshot of the virtual machine. */
  snapshotNum: z.number().int().nullable(),
  /** The fault tolerance state of the virtual machine. */
  stateFt: VirtualMachineFaultToleranceStateSchema.nullable(),
  /** Id of the virtual machine. */
  vmId: z.number().int(),
  /** Current version status of VMware Tools in the guest operating system. */
  vmwareTools: z.string().nullable(),
  /** Current version of VMware Tools */
  vmwareToolsVersion: z.string().nullable(),
  /** Amount of time for a write operation from the virtual disk. In millisecond */
  writeLatency: z.number().nullable(),
  /** Number of write issued per second to the virtual disk. In millisecond */
  writePerSecond: z.number().nullable(),
  /** Rate of writing data from the virtual disk. In KB/s */
  writeRate: z.number().nullable(),
});
export type Vm = z.infer<typeof VmSchema>;

/** The reference universe information for your Dedicated Cloud (`dedicatedCloud.productReferenceEnum`) */
export const ProductReferenceEnumValues = ['EPCC', 'MBM'] as const;
export const ProductReferenceEnumSchema = z.enum(ProductReferenceEnumValues);
export type ProductReferenceEnum = z.infer<typeof ProductReferenceEnumSchema>;

/** VMware on OVHcloud (`dedicatedCloud.dedicatedCloud`) */
export const DedicatedCloudSchema = z.object({
  /** Advanced security state */
  advancedSecurity: z.boolean(),
  /** The current bandwidth of your VMware on OVHcloud */
  bandwidth: z.string(),
  /** Billing type of your VMware on OVHcloud */
  billingType: BillingTypeEnumSchema,
  /** Can the PCC be migrated to VCD */
  canMigrateToVCD: z.boolean(),
  /** Url to the VMware on OVHcloud certified interface */
  certifiedInterfaceUrl: z.string(),
  /** The current version of your VMware on OVHcloud */
  commercialRange: z.string(),
  /** Description of your VMware on OVHcloud */
  description: z.string(),
  /** Generation of your VMware on OVHcloud */
  generation: GenerationEnumSchema,
  /** Datacenter where your VMware on OVHcloud is physically located */
  location: z.string(),
  /** The management interface name */
  managementInterface: ManagementInterfaceEnumSchema,
  /** The reference universe information for your VMware on OVHcloud */
  productReference: ProductReferenceEnumSchema,
  /** Service name of your VMware on OVHcloud */
  serviceName: z.string(),
  /** Name of the current service pack */
  servicePackName: z.string().nullable(),
  /** SPLA licensing state */
  spla: z.boolean(),
  /** Enable SSL v3 support. Warning : this option is not recommended as it was recognized as a security breach. If this is enabled, we advise you to enable the filtered User access policy */
  sslV3: z.boolean().nullable(),
  /** Current state of your VMware on OVHcloud */
  state: StateEnumSchema,
  /** Access policy of your VMware on OVHcloud : opened to every IPs or filtered */
  userAccessPolicy: UserAccessPolicyEnumSchema,
  /** The maximum amount of connected users allowed on the VMware on OVHcloud management interface */
  userLimitConcurrentSession: z.number().int(),
  userLogoutPolicy: UserLogoutPolicyEnumSchema,
  /** The timeout (in seconds) for the user sessions on the VMware on OVHcloud management interface. 0 value disable the timeout */
  userSessionTimeout: z.number().int(),
  /** Url to the VMware on OVHcloud vScope interface */
  vScopeUrl: z.string(),
  /** Version of the management interface */
  version: VersionSchema,
  /** Url to the VMware on OVHcloud web interface */
  webInterfaceUrl: z.string(),
});
export type DedicatedCloud = z.infer<typeof DedicatedCloudSchema>;

/** IAM resource metadata embedded in services models (`iam.ResourceMetadata`) */
export const IamResourceMetadataSchema = z.object({
  /** Resource display name */
  displayName: z.string().nullable(),
  /** Unique identifier of the resource */
  id: z.string(),
  /** Resource tags. Tags that were internally computed are prefixed with ovh: */
  tags: z.record(z.string(), z.string()).nullable(),
  /** Unique resource name used in policies */
  urn: z.string(),
});
export type IamResourceMetadata = z.infer<typeof IamResourceMetadataSchema>;

/** VMware on OVHcloud (`dedicatedCloud.dedicatedCloudWithIAM`) */
export const DedicatedCloudWithIAMSchema = z.object({
  /** Advanced security state */
  advancedSecurity: z.boolean(),
  /** The current bandwidth of your VMware on OVHcloud */
  bandwidth: z.string(),
  /** Billing type of your VMware on OVHcloud */
  billingType: BillingTypeEnumSchema,
  /** Can the PCC be migrated to VCD */
  canMigrateToVCD: z.boolean(),
  /** Url to the VMware on OVHcloud certified interface */
  certifiedInterfaceUrl: z.string(),
  /** The current version of your VMware on OVHcloud */
  commercialRange: z.string(),
  /** Description of your VMware on OVHcloud */
  description: z.string(),
  /** Generation of your VMware on OVHcloud */
  generation: GenerationEnumSchema,
  /** IAM resource metadata */
  iam: IamResourceMetadataSchema.nullable(),
  /** Datacenter where your VMware on OVHcloud is physically located */
  location: z.string(),
  /** The management interface name */
  managementInterface: ManagementInterfaceEnumSchema,
  /** The reference universe information for your VMware on OVHcloud */
  productReference: ProductReferenceEnumSchema,
  /** Service name of your VMware on OVHcloud */
  serviceName: z.string(),
  /** Name of the current service pack */
  servicePackName: z.string().nullable(),
  /** SPLA licensing state */
  spla: z.boolean(),
  /** Enable SSL v3 support. Warning : this option is not recommended as it was recognized as a security breach. If this is enabled, we advise you to enable the filtered User access policy */
  sslV3: z.boolean().nullable(),
  /** Current state of your VMware on OVHcloud */
  state: StateEnumSchema,
  /** Access policy of your VMware on OVHcloud : opened to every IPs or filtered */
  userAccessPolicy: UserAccessPolicyEnumSchema,
  /** The maximum amount of connected users allowed on the VMware on OVHcloud management interface */
  userLimitConcurrentSession: z.number().int(),
  userLogoutPolicy: UserLogoutPolicyEnumSchema,
  /** The timeout (in seconds) for the user sessions on the VMware on OVHcloud management interface. 0 value disable the timeout */
  userSessionTimeout: z.number().int(),
  /** Url to the VMware on OVHcloud vScope interface */
  vScopeUrl: z.string(),
  /** Version of the management interface */
  version: VersionSchema,
  /** Url to the VMware on OVHcloud web interface */
  webInterfaceUrl: z.string(),
});
export type DedicatedCloudWithIAM = z.infer<typeof DedicatedCloudWithIAMSchema>;
