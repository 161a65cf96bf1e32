"""Draft the `hip:` column of rules/runtime/, rules/driver/ from the two installed header sets.

Used once to draft those rule files: it lists the CUDA declarations (functions, enumerators, typedefs,
structs, object-like macros) of the CUDA headers, finds the HIP name that really exists in the HIP
headers (HIP 5.2 under /usr/include/hip, newer releases from a HIP source checkout given with
--hip-git), and writes draft YAML. The YAML files under rules/ are the source of truth; they were
reviewed and edited by hand afterwards, so do not regenerate over them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import clang.cindex as ci

CUDA_INC = Path("/usr/local/cuda/include")
HIP_INC = Path("/usr/include")
HIP_TAGS = (
    "rocm-5.3.0",
    "rocm-5.4.0",
    "rocm-5.5.0",
    "rocm-5.6.0",
    "rocm-5.7.0",
    "rocm-6.0.0",
    "rocm-6.1.0",
    "rocm-6.2.0",
    "HEAD",
)
CUDA_TYPE_FILES = (
    "driver_types.h",
    "surface_types.h",
    "texture_types.h",
    "cuda.h",
    "cuda_runtime_api.h",
    "cudaProfiler.h",
)

# \defgroup names in cuda_runtime_api.h / cuda.h -> rule file section.
RUNTIME_SECTIONS = {
    "CUDART_DEVICE": "device",
    "CUDART_ERROR": "error",
    "CUDART_LOGS": "error",
    "CUDART_STREAM": "stream",
    "CUDART_EVENT": "event",
    "CUDART_EXTRES_INTEROP": "interop",
    "CUDART_EXECUTION": "execution",
    "CUDART_OCCUPANCY": "occupancy",
    "CUDART_MEMORY": "memory",
    "CUDART_MEMORY_POOLS": "mempool",
    "CUDART_UNIFIED": "unified",
    "CUDART_PEER": "peer",
    "CUDART_INTEROP": "interop",
    "CUDART_TEXTURE_OBJECT": "texture",
    "CUDART_SURFACE_OBJECT": "surface",
    "CUDART__VERSION": "version",
    "CUDART_GRAPH": "graph",
    "CUDART_DRIVER_ENTRY_POINT": "library",
    "CUDART_LIBRARY": "library",
    "CUDART_HIGHLEVEL": "execution",
    "CUDART_DRIVER": "library",
}
DRIVER_SECTIONS = {
    "CUDA_ERROR": "error",
    "CUDA_INITIALIZE": "init",
    "CUDA_VERSION": "init",
    "CUDA_DEVICE": "device",
    "CUDA_PRIMARY_CTX": "context",
    "CUDA_CTX": "context",
    "CUDA_MODULE": "module",
    "CUDA_LIBRARY": "module",
    "CUDA_MEM": "memory",
    "CUDA_VA": "virtual_memory",
    "CUDA_MULTICAST": "virtual_memory",
    "CUDA_MALLOC_ASYNC": "mempool",
    "CUDA_UNIFIED": "unified",
    "CUDA_STREAM": "stream",
    "CUDA_MEMOP": "stream",
    "CUDA_EVENT": "event",
    "CUDA_EXTRES_INTEROP": "interop",
    "CUDA_GRAPHICS": "interop",
    "CUDA_EXEC": "execution",
    "CUDA_GRAPH": "graph",
    "CUDA_OCCUPANCY": "occupancy",
    "CUDA_TEXREF": "texture",
    "CUDA_SURFREF": "texture",
    "CUDA_TEXOBJECT": "texture",
    "CUDA_SURFOBJECT": "texture",
    "CUDA_TENSOR_MEMORY": "texture",
    "CUDA_PEER_ACCESS": "peer",
    "CUDA_DRIVER_ENTRY_POINT": "misc",
    "CUDA_COREDUMP": "misc",
    "CUDA_GREEN_CONTEXTS": "misc",
    "CUDA_LOGS": "misc",
    "CUDA_CHECKPOINT": "misc",
    "CUDA_PROFILER": "misc",
}

# Families of constants whose HIP spelling differs from the CUDA one: (CUDA prefix, HIP prefix). The
# rest of the name is compared case-insensitively without underscores.
PREFIX_PAIRS = [
    ("cudaDevAttr", "hipDeviceAttribute"),
    ("CU_DEVICE_ATTRIBUTE_", "hipDeviceAttribute"),
    ("CUDA_ERROR_", "hipError"),
    ("cudaError", "hipError"),
    ("CU_JIT_", "hipJitOption"),
    ("CU_CTX_SCHED_", "hipDeviceSchedule"),
    ("CU_CTX_", "hipDevice"),
    ("CU_EVENT_", "hipEvent"),
    ("CU_STREAM_", "hipStream"),
    ("CU_MEMHOSTALLOC_", "hipHostMalloc"),
    ("cudaHostAlloc", "hipHostMalloc"),
    ("CU_MEMHOSTREGISTER_", "hipHostRegister"),
    ("CU_FUNC_CACHE_", "hipFuncCache"),
    ("CU_LIMIT_", "hipLimit"),
    ("CU_MEMORYTYPE_", "hipMemoryType"),
    ("CU_COMPUTEMODE_", "hipComputeMode"),
    ("CU_SHARED_MEM_CONFIG_", "hipSharedMemBankSize"),
    ("CU_MEM_ADVISE_", "hipMemAdvise"),
    ("CU_MEM_RANGE_ATTRIBUTE_", "hipMemRangeAttribute"),
    ("CU_GRAPH_NODE_TYPE_", "hipGraphNodeType"),
    ("CU_STREAM_CAPTURE_MODE_", "hipStreamCaptureMode"),
    ("CU_STREAM_CAPTURE_STATUS_", "hipStreamCapture"),
    ("CU_MEM_ALLOCATION_TYPE_", "hipMemAllocationType"),
    ("CU_MEM_LOCATION_TYPE_", "hipMemLocationType"),
    ("CU_MEM_ACCESS_FLAGS_PROT_", "hipMemAccessFlagsProt"),
    ("CU_MEMPOOL_ATTR_", "hipMemPoolAttr"),
    ("CU_RESOURCE_TYPE_", "hipResourceType"),
    ("CU_GRAPH_EXEC_UPDATE_", "hipGraphExecUpdate"),
    ("CU_MEM_HANDLE_TYPE_", "hipMemHandleType"),
    ("CU_MEM_ALLOC_GRANULARITY_", "hipMemAllocationGranularity"),
    ("CU_MEM_OPERATION_TYPE_", "hipMemOperationType"),
    ("CU_ARRAY_SPARSE_SUBRESOURCE_TYPE_", "hipArraySparseSubresourceType"),
    ("CU_MEM_ALLOCATION_COMP_", "hipMemAllocationComp"),
    ("CU_USER_OBJECT_", "hipUserObject"),
    ("CU_GRAPH_USER_OBJECT_", "hipGraphUserObject"),
    ("CU_KERNEL_NODE_ATTRIBUTE_", "hipKernelNodeAttribute"),
    ("CU_ACCESS_PROPERTY_", "hipAccessProperty"),
    ("CU_GRAPH_MEM_ATTR_", "hipGraphMemAttr"),
    ("CU_EXTERNAL_MEMORY_HANDLE_TYPE_", "hipExternalMemoryHandleType"),
    ("CU_EXTERNAL_SEMAPHORE_HANDLE_TYPE_", "hipExternalSemaphoreHandleType"),
    ("CU_FLUSH_GPU_DIRECT_RDMA_WRITES_", "hipFlushGPUDirectRDMAWrites"),
    ("CU_GRAPH_DEBUG_DOT_FLAGS_", "hipGraphDebugDotFlags"),
    ("CUDA_GRAPH_INSTANTIATE_FLAG_", "hipGraphInstantiateFlag"),
    ("CUDA_GRAPH_INSTANTIATE_", "hipGraphInstantiate"),
    ("CU_GRAPH_DEPENDENCY_TYPE_", "hipGraphDependencyType"),
    ("CU_LAUNCH_ATTRIBUTE_", "hipLaunchAttribute"),
    ("CU_GRAPHICS_REGISTER_FLAGS_", "hipGraphicsRegisterFlags"),
    ("CU_DEVICE_P2P_ATTRIBUTE_", "hipDevP2PAttr"),
    ("CU_POINTER_ATTRIBUTE_", "HIP_POINTER_ATTRIBUTE_"),
    ("CU_FUNC_ATTRIBUTE_", "HIP_FUNC_ATTRIBUTE_"),
    ("CU_AD_FORMAT_", "HIP_AD_FORMAT_"),
    ("CU_RES_VIEW_FORMAT_", "HIP_RES_VIEW_FORMAT_"),
    ("CU_TR_", "HIP_TR_"),
    ("CU_", "HIP_"),
    ("CUDA_", "HIP_"),
    ("cuda", "hip"),
]

# Driver names whose HIP counterpart is not found by the generic rules (facts checked in HIP headers).
FUNCTION_OVERRIDES = {
    "cuDeviceGetCount": "hipGetDeviceCount",
    "cuMemAlloc": "hipMalloc",
    "cuMemFree": "hipFree",
    "cuMemFreeHost": "hipHostFree",
    "cuMemHostRegister": "hipHostRegister",
    "cuMemHostUnregister": "hipHostUnregister",
    "cuMemHostGetDevicePointer": "hipHostGetDevicePointer",
    "cuMemHostGetFlags": "hipHostGetFlags",
    "cuMemAllocManaged": "hipMallocManaged",
    "cuLaunchKernel": "hipModuleLaunchKernel",
    "cuLaunchCooperativeKernel": "hipModuleLaunchCooperativeKernel",
    "cuLaunchCooperativeKernelMultiDevice": "hipModuleLaunchCooperativeKernelMultiDevice",
    "cuMemcpy2D": "hipMemcpyParam2D",
    "cuMemcpy2DAsync": "hipMemcpyParam2DAsync",
    "cuMemcpy2DUnaligned": "hipDrvMemcpy2DUnaligned",
    "cuMemAllocAsync": "hipMallocAsync",
    "cuMemFreeAsync": "hipFreeAsync",
    "cuMemAllocFromPoolAsync": "hipMallocFromPoolAsync",
    "cuMemPrefetchAsync": "hipMemPrefetchAsync",
    "cuMemAdvise": "hipMemAdvise",
    "cuMemRangeGetAttribute": "hipMemRangeGetAttribute",
    "cuMemRangeGetAttributes": "hipMemRangeGetAttributes",
    "cuGetErrorName": "hipDrvGetErrorName",
    "cuGetErrorString": "hipDrvGetErrorString",
    "cuStreamCreate": "hipStreamCreateWithFlags",
    "cuEventCreate": "hipEventCreateWithFlags",
    "cuLaunchHostFunc": "hipLaunchHostFunc",
    "cuDeviceCanAccessPeer": "hipDeviceCanAccessPeer",
    "cuProfilerStart": "hipProfilerStart",
    "cuProfilerStop": "hipProfilerStop",
    "cuMemcpyPeer": None,
    "cuMemcpyPeerAsync": None,
}

# Types and constants whose HIP name is not found by the prefix rules (each checked in HIP headers).
NAME_OVERRIDES = {
    "CUdeviceptr": "hipDeviceptr_t",
    "CUdevice": "hipDevice_t",
    "CUcontext": "hipCtx_t",
    "CUmodule": "hipModule_t",
    "CUfunction": "hipFunction_t",
    "CUarray": "hipArray_t",
    "CUmipmappedArray": "hipMipmappedArray_t",
    "CUevent": "hipEvent_t",
    "CUstream": "hipStream_t",
    "CUgraphicsResource": "hipGraphicsResource_t",
    "CUtexObject": "hipTextureObject_t",
    "CUsurfObject": "hipSurfaceObject_t",
    "CUexternalMemory": "hipExternalMemory_t",
    "CUexternalSemaphore": "hipExternalSemaphore_t",
    "CUgraph": "hipGraph_t",
    "CUgraphNode": "hipGraphNode_t",
    "CUgraphExec": "hipGraphExec_t",
    "CUmemoryPool": "hipMemPool_t",
    "CUuserObject": "hipUserObject_t",
    "CUuuid": "hipUUID",
    "CUipcEventHandle": "hipIpcEventHandle_t",
    "CUipcMemHandle": "hipIpcMemHandle_t",
    "CUarray_format": "hipArray_Format",
    "CUaddress_mode": "HIPaddress_mode",
    "CUfilter_mode": "HIPfilter_mode",
    "CUdevice_attribute": "hipDeviceAttribute_t",
    "CUpointer_attribute": "hipPointer_attribute",
    "CUfunction_attribute": "hipFunction_attribute",
    "CUfunc_cache": "hipFuncCache_t",
    "CUsharedconfig": "hipSharedMemConfig",
    "CUmemorytype": "hipMemoryType",
    "CUcomputemode": "hipComputeMode",
    "CUmem_advise": "hipMemoryAdvise",
    "CUmem_range_attribute": "hipMemRangeAttribute",
    "CUjit_option": "hipJitOption",
    "CUgraphicsRegisterFlags": "hipGraphicsRegisterFlags",
    "CUlimit": "hipLimit_t",
    "CUresourcetype": "HIPresourcetype",
    "CUhostFn": "hipHostFn_t",
    "CUaccessProperty": "hipAccessProperty",
    "CUaccessPolicyWindow": "hipAccessPolicyWindow",
    "CUDA_KERNEL_NODE_PARAMS": "hipKernelNodeParams",
    "CUDA_HOST_NODE_PARAMS": "hipHostNodeParams",
    "CUgraphNodeType": "hipGraphNodeType",
    "CUstreamCaptureStatus": "hipStreamCaptureStatus",
    "CUstreamCaptureMode": "hipStreamCaptureMode",
    "CUresult": "hipError_t",
    "CUdevice_P2PAttribute": "hipDeviceP2PAttr",
    "CUstreamCallback": "hipStreamCallback_t",
    "CUDA_MEMCPY2D": "hip_Memcpy2D",
    "CUresourceViewFormat": "HIPresourceViewFormat",
    "CUexternalMemoryHandleType": "hipExternalMemoryHandleType",
    "CUDA_EXTERNAL_MEMORY_HANDLE_DESC": "hipExternalMemoryHandleDesc",
    "CUDA_EXTERNAL_MEMORY_BUFFER_DESC": "hipExternalMemoryBufferDesc",
    "CUDA_EXTERNAL_MEMORY_MIPMAPPED_ARRAY_DESC": "hipExternalMemoryMipmappedArrayDesc",
    "CUexternalSemaphoreHandleType": "hipExternalSemaphoreHandleType",
    "CUDA_EXTERNAL_SEMAPHORE_HANDLE_DESC": "hipExternalSemaphoreHandleDesc",
    "CUDA_EXTERNAL_SEMAPHORE_SIGNAL_PARAMS": "hipExternalSemaphoreSignalParams",
    "CUDA_EXTERNAL_SEMAPHORE_WAIT_PARAMS": "hipExternalSemaphoreWaitParams",
    "CUmemGenericAllocationHandle": "hipMemGenericAllocationHandle_t",
    "CUmemAllocationHandleType": "hipMemAllocationHandleType",
    "CUmemAccess_flags": "hipMemAccessFlags",
    "CUmemLocationType": "hipMemLocationType",
    "CUmemAllocationType": "hipMemAllocationType",
    "CUmemAllocationGranularity_flags": "hipMemAllocationGranularity_flags",
    "CUarraySparseSubresourceType": "hipArraySparseSubresourceType",
    "CUmemOperationType": "hipMemOperationType",
    "CUmemHandleType": "hipMemHandleType",
    "CUarrayMapInfo": "hipArrayMapInfo",
    "CUmemLocation": "hipMemLocation",
    "CUmemAllocationProp": "hipMemAllocationProp",
    "CUmemAccessDesc": "hipMemAccessDesc",
    "CUgraphExecUpdateResult": "hipGraphExecUpdateResult",
    "CUmemPool_attribute": "hipMemPoolAttr",
    "CUmemPoolProps": "hipMemPoolProps",
    "CUmemPoolPtrExportData": "hipMemPoolPtrExportData",
    "CUDA_MEM_ALLOC_NODE_PARAMS": "hipMemAllocNodeParams",
    "CUgraphMem_attribute": "hipGraphMemAttributeType",
    "CUgraphDebugDot_flags": "hipGraphDebugDotFlags",
    "CUuserObject_flags": "hipUserObjectFlags",
    "CUuserObjectRetain_flags": "hipUserObjectRetainFlags",
    "CUgraphInstantiate_flags": "hipGraphInstantiateFlags",
    "CUkernelNodeAttrID": "hipKernelNodeAttrID",
    "CUkernelNodeAttrValue": "hipKernelNodeAttrValue",
    "CUgraphDependencyType": "hipGraphDependencyType",
    "CUgraphEdgeData": "hipGraphEdgeData",
    "CUgraphInstantiateResult": "hipGraphInstantiateResult",
    "CUgraphNodeParams": "hipGraphNodeParams",
    "CUDA_CHILD_GRAPH_NODE_PARAMS": "hipChildGraphNodeParams",
    "CUDA_EVENT_RECORD_NODE_PARAMS": "hipEventRecordNodeParams",
    "CUDA_EVENT_WAIT_NODE_PARAMS": "hipEventWaitNodeParams",
    "CUDA_MEM_FREE_NODE_PARAMS": "hipMemFreeNodeParams",
    "CUlaunchAttributeID": "hipLaunchAttributeID",
    "CUlaunchAttributeValue": "hipLaunchAttributeValue",
    "cudaDeviceProp": "hipDeviceProp_t",
    "cudaPointerAttributes": "hipPointerAttribute_t",
    "cudaLimit": "hipLimit_t",
    "cudaDeviceAttr": "hipDeviceAttribute_t",
    "cudaError": "hipError_t",
    "cudaFuncCache": "hipFuncCache_t",
    "cudaErrorMemoryAllocation": "hipErrorOutOfMemory",
    "cudaErrorInitializationError": "hipErrorNotInitialized",
    "cudaErrorCudartUnloading": "hipErrorDeinitialized",
    "cudaErrorInvalidResourceHandle": "hipErrorInvalidHandle",
    "CUDA_ERROR_OUT_OF_MEMORY": "hipErrorOutOfMemory",
    "CUDA_ERROR_DEINITIALIZED": "hipErrorDeinitialized",
    "CUDA_ERROR_INVALID_HANDLE": "hipErrorInvalidHandle",
    "CUDA_ERROR_NOT_INITIALIZED": "hipErrorNotInitialized",
    "CU_STREAM_WAIT_VALUE_GEQ": "hipStreamWaitValueGte",
    "CU_STREAM_WAIT_VALUE_EQ": "hipStreamWaitValueEq",
    "CU_STREAM_WAIT_VALUE_AND": "hipStreamWaitValueAnd",
    "CU_STREAM_WAIT_VALUE_NOR": "hipStreamWaitValueNor",
    "CU_DEVICE_CPU": "hipCpuDeviceId",
    "CU_DEVICE_INVALID": "hipInvalidDeviceId",
    "CU_CTX_MAP_HOST": "hipDeviceMapHost",
    "CU_CTX_LMEM_RESIZE_TO_MAX": "hipDeviceLmemResizeToMax",
    "cudaMemcpyKind": "hipMemcpyKind",
    "cudaDeviceBlockingSync": "hipDeviceScheduleBlockingSync",
    "CU_MEMHOSTALLOC_DEVICEMAP": "hipHostMallocMapped",
    "CU_MEMHOSTREGISTER_DEVICEMAP": "hipHostRegisterMapped",
    "CU_DEVICE_ATTRIBUTE_SHARED_MEMORY_PER_BLOCK": "hipDeviceAttributeMaxSharedMemoryPerBlock",
    "CU_DEVICE_ATTRIBUTE_REGISTERS_PER_BLOCK": "hipDeviceAttributeMaxRegistersPerBlock",
    "CU_DEVICE_ATTRIBUTE_GPU_OVERLAP": "hipDeviceAttributeDeviceOverlap",
    "cudaDevAttrGpuOverlap": "hipDeviceAttributeDeviceOverlap",
    "CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN": "hipDeviceAttributeSharedMemPerBlockOptin",
    "cudaDevAttrMaxSharedMemoryPerBlockOptin": "hipDeviceAttributeSharedMemPerBlockOptin",
    "CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH": "hipDeviceAttributeMemoryBusWidth",
    "cudaDevAttrGlobalMemoryBusWidth": "hipDeviceAttributeMemoryBusWidth",
    "CU_DEVICE_ATTRIBUTE_MULTI_GPU_BOARD": "hipDeviceAttributeIsMultiGpuBoard",
    "CU_DEVICE_ATTRIBUTE_MAX_PERSISTING_L2_CACHE_SIZE": "hipDeviceAttributePersistingL2CacheMaxSize",
    "cudaDevAttrMaxPersistingL2CacheSize": "hipDeviceAttributePersistingL2CacheMaxSize",
    "CU_DEVICE_ATTRIBUTE_MAX_ACCESS_POLICY_WINDOW_SIZE": "hipDeviceAttributeAccessPolicyMaxWindowSize",
    "cudaDevAttrMaxAccessPolicyWindowSize": "hipDeviceAttributeAccessPolicyMaxWindowSize",
    "CU_DEVICE_ATTRIBUTE_RESERVED_SHARED_MEMORY_PER_BLOCK": "hipDeviceAttributeReservedSharedMemPerBlock",
    "cudaDevAttrReservedSharedMemoryPerBlock": "hipDeviceAttributeReservedSharedMemPerBlock",
    "CU_DEVICE_ATTRIBUTE_VIRTUAL_ADDRESS_MANAGEMENT_SUPPORTED": (
        "hipDeviceAttributeVirtualMemoryManagementSupported"
    ),
    "CU_DEVICE_ATTRIBUTE_MEMPOOL_SUPPORTED_HANDLE_TYPES": "hipDeviceAttributeMemoryPoolSupportedHandleTypes",
    "cudaErrorECCUncorrectable": "hipErrorECCNotCorrectable",
    "CUDA_ERROR_ECC_UNCORRECTABLE": "hipErrorECCNotCorrectable",
    "CUDA_ERROR_LAUNCH_FAILED": "hipErrorLaunchFailure",
    "cudaErrorNoKernelImageForDevice": "hipErrorNoBinaryForGpu",
    "cudaErrorInvalidKernelImage": "hipErrorInvalidImage",
    "cudaErrorInvalidPtx": "hipErrorInvalidKernelFile",
    "CUDA_ERROR_INVALID_PTX": "hipErrorInvalidKernelFile",
}

# CUDA macros that are not API (include guards, calling conventions, version numbers with other meanings).
NOT_API = {"CU_UUID_HAS_BEEN_DEFINED", "CUDART_DEVICE", "CUDA_CB", "CUDAAPI"}
VERSION_MACROS = {"CUDA_VERSION", "CUDART_VERSION"}

# Hand-written HIP mappings (templates, partial ports, names with no HIP counterpart), checked by reading
# both headers' declarations. Values are the YAML text of the `hip:` column.
_EDGE = (
    "CUDA 13 added a cudaGraphEdgeData* argument that HIP's form lacks; code written for CUDA 12 "
    "ports as is, CUDA 13 code must drop that argument (it must be NULL)"
)
HAND = {
    "cudaMallocHost": {"template": "hipHostMalloc($1, $2, hipHostMallocDefault)"},
    "cudaHostAlloc": "hipHostMalloc",
    "cudaFreeHost": "hipHostFree",
    "cuMemAllocHost": {"template": "hipHostMalloc($1, $2, hipHostMallocDefault)"},
    "cuMemHostAlloc": "hipHostMalloc",
    "CUDA_KERNEL_NODE_PARAMS": {
        "status": "unsupported",
        "reason": "hipKernelNodeParams has the runtime's "
        "fields (func, gridDim, blockDim, kernelParams, extra); rewrite the "
        "initialisation by hand",
    },
    "cuMemcpy": {"template": "hipMemcpy($1, $2, $3, hipMemcpyDefault)"},
    "cuMemcpyAsync": {"template": "hipMemcpyAsync($1, $2, $3, hipMemcpyDefault, $4)"},
    "cuMemcpyPeer": {
        "status": "unsupported",
        "reason": "takes contexts; hipMemcpyPeer takes device ids, so "
        "pass the devices of both contexts by hand",
    },
    "cuMemcpyPeerAsync": {
        "status": "unsupported",
        "reason": "takes contexts; hipMemcpyPeerAsync takes device "
        "ids, so pass the devices of both contexts by hand",
    },
    "cuCtxCreate": {
        "status": "partial",
        "rename": "hipCtxCreate",
        "note": "CUDA 13's cuCtxCreate takes a "
        "CUctxCreateParams* second argument; hipCtxCreate(ctx, flags, device) has the CUDA 12 shape "
        "(and is deprecated in HIP: prefer hipSetDevice)",
    },
    "cudaMemPrefetchAsync": {
        "status": "partial",
        "rename": "hipMemPrefetchAsync",
        "note": "CUDA 13 takes "
        "(ptr, count, cudaMemLocation, flags, stream); hipMemPrefetchAsync takes (ptr, "
        "count, device, stream) as CUDA 12 did",
    },
    "cuMemPrefetchAsync": {
        "status": "partial",
        "rename": "hipMemPrefetchAsync",
        "note": "CUDA 13 takes "
        "(ptr, count, CUmemLocation, flags, stream); hipMemPrefetchAsync takes (ptr, count, "
        "device, stream) as CUDA 12 did",
    },
    "cudaMemAdvise": {
        "status": "partial",
        "rename": "hipMemAdvise",
        "note": "CUDA 13 takes a cudaMemLocation "
        "as the last argument; hipMemAdvise takes a device id as CUDA 12 did",
    },
    "cuMemAdvise": {
        "status": "partial",
        "rename": "hipMemAdvise",
        "note": "CUDA 13 takes a CUmemLocation as "
        "the last argument; hipMemAdvise takes a device id as CUDA 12 did",
    },
    "cudaGraphInstantiate": {
        "status": "partial",
        "rename": "hipGraphInstantiateWithFlags",
        "note": "CUDA 12+ form (exec, graph, flags); code written for CUDA 11's five-argument "
        "form needs hipGraphInstantiate instead",
    },
    "cudaGraphExecUpdate": {
        "status": "unsupported",
        "reason": "CUDA 12+ passes a cudaGraphExecUpdateResultInfo*; "
        "hipGraphExecUpdate(exec, graph, &errorNode, &result) has the CUDA 11 shape",
    },
    "cuGraphExecUpdate": {
        "status": "unsupported",
        "reason": "CUDA 12+ passes a CUgraphExecUpdateResultInfo*; "
        "hipGraphExecUpdate(exec, graph, &errorNode, &result) has the CUDA 11 shape",
    },
    "cudaStreamGetCaptureInfo": {
        "status": "partial",
        "rename": "hipStreamGetCaptureInfo_v2",
        "note": "CUDA 12's six-argument form; CUDA 13 added an edge-data argument (6th) that must be dropped",
    },
    "cuStreamGetCaptureInfo": {
        "status": "partial",
        "rename": "hipStreamGetCaptureInfo_v2",
        "note": "CUDA 12's six-argument form; CUDA 13 added an edge-data argument (6th) that must be dropped",
    },
    **{
        n: {"status": "partial", "rename": "hip" + n.removeprefix("cuda").removeprefix("cu"), "note": _EDGE}
        for n in (
            "cudaStreamUpdateCaptureDependencies",
            "cudaGraphGetEdges",
            "cudaGraphNodeGetDependencies",
            "cudaGraphNodeGetDependentNodes",
            "cudaGraphAddDependencies",
            "cudaGraphRemoveDependencies",
            "cuStreamUpdateCaptureDependencies",
            "cuGraphGetEdges",
            "cuGraphNodeGetDependencies",
            "cuGraphNodeGetDependentNodes",
            "cuGraphAddDependencies",
            "cuGraphRemoveDependencies",
        )
    },
    "cuOccupancyMaxPotentialBlockSize": {
        "status": "partial",
        "template": "hipModuleOccupancyMaxPotentialBlockSize($1, $2, $3, $5, $6)",
        "note": "the block-size-to-shared-memory callback (4th argument) is dropped; correct only when it is "
        "NULL",
    },
    "cuOccupancyMaxPotentialBlockSizeWithFlags": {
        "status": "partial",
        "template": "hipModuleOccupancyMaxPotentialBlockSizeWithFlags($1, $2, $3, $5, $6, $7)",
        "note": "the block-size-to-shared-memory callback (4th argument) is dropped; correct only when it is "
        "NULL",
    },
    "cuFuncSetCacheConfig": {
        "status": "partial",
        "rename": "hipFuncSetCacheConfig",
        "note": "hipFuncSetCacheConfig takes a host kernel pointer, not a hipFunction_t; the "
        "setting is a hint that AMD GPUs ignore",
    },
    "cuFuncSetSharedMemConfig": {
        "status": "partial",
        "rename": "hipFuncSetSharedMemConfig",
        "note": "hipFuncSetSharedMemConfig takes a host kernel pointer, not a hipFunction_t; "
        "the setting is a hint that AMD GPUs ignore",
    },
    "cuFuncSetAttribute": {
        "status": "unsupported",
        "reason": "hipFuncSetAttribute takes a host kernel pointer "
        "and a hipFuncAttribute; HIP has no setter for a hipFunction_t",
    },
    "cuGetErrorString": {
        "rename": "hipDrvGetErrorString",
        "legacy": [
            {"below": "5.4", "template": "(*$2 = hipGetErrorString($1), hipSuccess)", "code": "CP2003"}
        ],
    },
    "cuGetErrorName": {
        "rename": "hipDrvGetErrorName",
        "legacy": [{"below": "5.4", "template": "(*$2 = hipGetErrorName($1), hipSuccess)", "code": "CP2003"}],
    },
}

# CUDA runtime APIs removed from the CUDA 13 headers (listed in generated_cudart_removed_meta.h and the
# CUPTI callback ids) with their current counterpart, or None.
REMOVED = {
    "cudaThreadSynchronize": "hipDeviceSynchronize",
    "cudaThreadExit": "hipDeviceReset",
    "cudaThreadSetLimit": "hipDeviceSetLimit",
    "cudaThreadGetLimit": "hipDeviceGetLimit",
    "cudaThreadGetCacheConfig": "hipDeviceGetCacheConfig",
    "cudaThreadSetCacheConfig": "hipDeviceSetCacheConfig",
    "cudaLaunchCooperativeKernelMultiDevice": "hipLaunchCooperativeKernelMultiDevice",
    "cudaConfigureCall": None,
    "cudaSetupArgument": None,
    "cudaLaunch": None,
    "cudaBindTexture": None,
    "cudaBindTexture2D": None,
    "cudaBindTextureToArray": None,
    "cudaBindTextureToMipmappedArray": None,
    "cudaUnbindTexture": None,
    "cudaGetTextureAlignmentOffset": None,
    "cudaGetTextureReference": None,
    "cudaBindSurfaceToArray": None,
    "cudaGetSurfaceReference": None,
    "cudaSetDoubleForDevice": None,
    "cudaSetDoubleForHost": None,
    "cudaProfilerInitialize": None,
}

REMOVED_SECTION = {
    "Thre": "device",
    "Bind": "texture",
    "Unbi": "texture",
    "GetT": "texture",
    "GetS": "texture",
    "Prof": "profiler",
}
REMOVED_REASON = {
    "Bind": "texture and surface references were removed from CUDA 12 (and are deprecated in HIP); port to "
    "texture/surface objects (cudaCreateTextureObject -> hipCreateTextureObject)",
    "Conf": "removed from CUDA; launch with <<<...>>> or cudaLaunchKernel (hipLaunchKernel)",
    "Setu": "removed from CUDA; launch with <<<...>>> or cudaLaunchKernel (hipLaunchKernel)",
    "Laun": "removed from CUDA; launch with <<<...>>> or cudaLaunchKernel (hipLaunchKernel)",
    "SetD": "removed from CUDA (a no-op for years); delete the call",
    "Prof": "removed from CUDA; use hipProfilerStart/hipProfilerStop or rocprof options",
}
REMOVED_REASON["Unbi"] = REMOVED_REASON["GetT"] = REMOVED_REASON["GetS"] = REMOVED_REASON["Bind"]

# Runtime names the OpenCL target's shim implements under the CUDA name.
OPENCL_SHIM = set(
    """
cudaMalloc cudaFree cudaMallocHost cudaFreeHost cudaHostAlloc cudaMallocManaged cudaMemcpy cudaMemcpyAsync
cudaMemset cudaMemsetAsync cudaMemcpy2D cudaMallocPitch cudaMemset2D cudaMemcpyToSymbol cudaMemcpyFromSymbol
cudaGetSymbolAddress cudaMemGetInfo cudaGetDeviceCount cudaGetDevice cudaSetDevice cudaGetDeviceProperties
cudaDeviceGetAttribute cudaGetLastError cudaPeekAtLastError cudaGetErrorString cudaGetErrorName
cudaStreamCreate cudaStreamCreateWithFlags cudaStreamDestroy cudaStreamSynchronize cudaStreamQuery
cudaStreamWaitEvent cudaEventCreate cudaEventCreateWithFlags cudaEventRecord cudaEventSynchronize
cudaEventQuery cudaEventElapsedTime cudaEventDestroy cudaDeviceSynchronize cudaDeviceReset
cudaThreadSynchronize cudaFuncSetCacheConfig cudaDeviceSetCacheConfig cudaOccupancyMaxPotentialBlockSize
cudaDriverGetVersion cudaRuntimeGetVersion cudaError_t cudaError cudaStream_t cudaEvent_t cudaDeviceProp
cudaMemcpyKind
""".split()
)


@dataclass
class CudaDecl:
    name: str
    kind: str  # function | enum | type | macro
    api: str  # runtime | driver
    section: str
    params: int = -1
    deprecated: bool = False
    enum: str = ""  # for enumerators: the enum's user-visible name
    file: str = ""


@dataclass
class HipNames:
    functions: dict[str, int] = field(default_factory=dict)  # name -> parameter count (HIP 5.2)
    enums: dict[str, list[str]] = field(default_factory=dict)  # enum name -> constants
    idents: set[str] = field(default_factory=set)  # every identifier in HIP 5.2's headers
    since: dict[str, str] = field(default_factory=dict)  # identifier -> first newer tag with it


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def _groups(path: Path) -> list[tuple[int, str]]:
    out = []
    for i, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        m = re.search(r"\\defgroup (\w+)", line)
        if m:
            out.append((i, m.group(1).removesuffix("_DEPRECATED")))
    return out


def _section(groups: list[tuple[int, str]], line: int, table: dict[str, str], default: str) -> str:
    name = ""
    for start, group in groups:
        if start <= line:
            name = group
    return table.get(name, default)


def _parse(src: str, args: list[str]) -> ci.TranslationUnit:
    Path("/tmp/gen_hip_rules.cpp").write_text(src)
    return ci.Index.create().parse(
        "/tmp/gen_hip_rules.cpp",
        args=["-x", "c++", "-std=c++17", *args],
        options=ci.TranslationUnit.PARSE_SKIP_FUNCTION_BODIES,
    )


def _enum_user_name(cur: ci.Cursor) -> str:
    parent = cur.semantic_parent
    if cur.spelling and not cur.spelling.startswith("(unnamed") and not cur.spelling.endswith("_enum"):
        return cur.spelling
    if parent is not None:
        for sib in parent.get_children():
            if (
                sib.kind == ci.CursorKind.TYPEDEF_DECL
                and sib.underlying_typedef_type.get_declaration() == cur
            ):
                return sib.spelling
    return cur.spelling


def cuda_decls() -> list[CudaDecl]:
    """Every CUDA name of the runtime and driver APIs declared by the installed CUDA headers."""
    gcc_inc = sorted(Path("/usr/lib/gcc/x86_64-linux-gnu").glob("*/include"))
    tu = _parse(
        "#include <cuda.h>\n#include <cuda_runtime.h>\n#include <cudaProfiler.h>\n"
        "#include <cuda_profiler_api.h>\n",
        [f"-I{CUDA_INC}", *(f"-isystem{p}" for p in gcc_inc[-1:])],
    )
    rt_groups, drv_groups = _groups(CUDA_INC / "cuda_runtime_api.h"), _groups(CUDA_INC / "cuda.h")
    cuda_h = (CUDA_INC / "cuda.h").read_text().splitlines()
    internal_from = next(
        i for i, t in enumerate(cuda_h, 1) if t.strip() == "#if defined(__CUDA_API_VERSION_INTERNAL)"
    )
    aliases = {}
    for t in cuda_h:
        m = re.match(r"#define (cu\w+)\s+(?:__CUDA_API_PTDS|__CUDA_API_PTSZ)?\(?(cu\w+?_v\d+)\)?\s*$", t)
        if m:
            aliases[m.group(2)] = m.group(1)
    out: dict[str, CudaDecl] = {}

    def add(d: CudaDecl) -> None:
        out.setdefault(d.name, d)

    for cur in tu.cursor.walk_preorder():
        loc = cur.location
        if not loc.file:
            continue
        fname = Path(loc.file.name).name
        if fname not in (*CUDA_TYPE_FILES, "cuda_runtime.h", "cuda_profiler_api.h"):
            continue
        k = cur.kind
        if k in (ci.CursorKind.FUNCTION_DECL, ci.CursorKind.FUNCTION_TEMPLATE):
            name = aliases.get(cur.spelling, cur.spelling)
            if re.search(r"_pt[sd][sz]$|_v\d+$", name) or (fname == "cuda.h" and loc.line > internal_from):
                continue
            text = "".join(
                open(loc.file.name, errors="replace").readlines()[cur.extent.start.line - 1 : loc.line]
            )
            drv = name.startswith("cu") and not name.startswith("cuda")
            groups, table = (drv_groups, DRIVER_SECTIONS) if drv else (rt_groups, RUNTIME_SECTIONS)
            if fname in ("cuda.h", "cuda_runtime_api.h"):
                section = _section(groups, loc.line, table, "misc")
            else:
                section = {
                    "cuda_runtime.h": "execution",
                    "cudaProfiler.h": "misc",
                    "cuda_profiler_api.h": "profiler",
                }.get(fname, "misc")
            nparams = len([c for c in cur.get_children() if c.kind == ci.CursorKind.PARM_DECL])
            add(
                CudaDecl(
                    name,
                    "function",
                    "driver" if drv else "runtime",
                    section,
                    nparams,
                    "__CUDA_DEPRECATED" in text,
                    file=fname,
                )
            )
        elif k == ci.CursorKind.ENUM_DECL:
            ename = _enum_user_name(cur)
            api = "driver" if fname == "cuda.h" else "runtime"
            for c in cur.get_children():
                if c.kind == ci.CursorKind.ENUM_CONSTANT_DECL:
                    add(CudaDecl(c.spelling, "enum", api, "types", enum=ename, file=fname))
            if ename and not ename.startswith("("):
                add(CudaDecl(ename, "type", api, "types", file=fname))
        elif k in (ci.CursorKind.TYPEDEF_DECL, ci.CursorKind.STRUCT_DECL, ci.CursorKind.UNION_DECL):
            name = cur.spelling
            if (
                name
                and re.match(r"(cuda|CU|cu[A-Z]|libraryPropertyType)", name)
                and not re.search(r"_v\d+$", name)
                and not name.endswith(("_st", "_enum", "_struct", "_union"))
                and not name.startswith("CUDA_CB")
            ):
                add(CudaDecl(name, "type", "driver" if fname == "cuda.h" else "runtime", "types", file=fname))
    for fname in CUDA_TYPE_FILES:
        api = "driver" if fname in ("cuda.h", "cudaProfiler.h") else "runtime"
        for t in (CUDA_INC / fname).read_text(errors="replace").splitlines():
            m = re.match(r"\s*#\s*define\s+((?:cuda|CU_|CUDA_|CU[A-Z])\w*)(\s|$)", t)
            if (
                m
                and not m.group(1).endswith(("_H", "_H_", "_H__"))
                and m.group(1) not in aliases.values()
                and "_API_" not in m.group(1)
                and not m.group(1).startswith("CUDART_CB")
            ):
                add(CudaDecl(m.group(1), "macro", api, "types", file=fname))
    return list(out.values())


def _idents(text: str) -> set[str]:
    """Names a header declares: macros, functions, enumerators, typedefs and tags (not parameters)."""
    text = _strip_comments(text)
    found = set(re.findall(r"#\s*define\s+(\w+)", text))
    found |= set(re.findall(r"\b(\w+)\s*\(", text))
    found |= set(re.findall(r"^\s*(\w+)\s*(?:=[^=]|,|$)", text, flags=re.M))
    found |= set(re.findall(r"\b(?:struct|enum|union|class)\s+(?:__\w+__\s+)?(\w+)", text))
    found |= set(re.findall(r"}\s*(\w+)\s*;", text))
    found |= set(re.findall(r"\btypedef\b[^;]*?\b(\w+)\s*(?:\[[^]]*\])?\s*;", text))
    found |= set(re.findall(r"\(\s*\*\s*(\w+)\s*\)\s*\(", text))
    return {n for n in found if re.match(r"(hip|HIP)", n)}


def hip_names(hip_git: Path | None) -> HipNames:
    """HIP names from the installed HIP 5.2 headers, plus the release that added newer ones."""
    hn = HipNames()
    tu = _parse(
        "#include <hip/hip_runtime_api.h>\n#include <hip/hip_runtime.h>\n",
        ["-D__HIP_PLATFORM_AMD__", "-D__HIP_PLATFORM_HCC__", f"-I{HIP_INC}"],
    )
    for cur in tu.cursor.walk_preorder():
        if cur.kind == ci.CursorKind.FUNCTION_DECL and cur.spelling.startswith(("hip", "HIP")):
            hn.functions.setdefault(cur.spelling, len(list(cur.get_arguments())))
        elif cur.kind == ci.CursorKind.ENUM_DECL:
            consts = [c.spelling for c in cur.get_children() if c.kind == ci.CursorKind.ENUM_CONSTANT_DECL]
            hn.enums[_enum_user_name(cur)] = consts
    for p in (HIP_INC / "hip").rglob("*.h"):
        hn.idents |= _idents(p.read_text(errors="replace"))
    if hip_git:
        seen = set(hn.idents)
        for tag in HIP_TAGS:
            files = subprocess.run(
                ["git", "-C", str(hip_git), "ls-tree", "-r", "--name-only", tag, "include/hip"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            ids: set[str] = set()
            for f in files:
                if f.endswith(".h"):
                    ids |= _idents(
                        subprocess.run(
                            ["git", "-C", str(hip_git), "show", f"{tag}:{f}"],
                            capture_output=True,
                            text=True,
                            errors="replace",
                        ).stdout
                    )
            for name in ids - seen:
                hn.since[name] = "6.3" if tag == "HEAD" else tag.removeprefix("rocm-").removesuffix(".0")
            seen |= ids
    return hn


def _norm(s: str) -> str:
    return s.replace("_", "").lower()


def _exists(name: str, hn: HipNames) -> bool:
    return name in hn.idents or name in hn.since


def match(d: CudaDecl, hn: HipNames, by_prefix: dict[str, dict[str, str]]) -> str | None:
    """The HIP name for one CUDA name, or None when no counterpart exists in any HIP release read."""
    if d.kind == "function":
        if d.name in FUNCTION_OVERRIDES:
            return FUNCTION_OVERRIDES[d.name]
        if d.api == "runtime":
            cands = ["hip" + d.name[4:]]
        else:
            rest = d.name[2:]
            cands = ["hipDrv" + rest, "hipModule" + rest, "hip" + rest]
        return next((c for c in cands if _exists(c, hn)), None)
    if d.name in NAME_OVERRIDES:
        return NAME_OVERRIDES[d.name]
    for cp, hp in PREFIX_PAIRS:
        if d.name.startswith(cp):
            direct = hp + d.name[len(cp) :]
            if _exists(direct, hn):
                return direct
            hit = by_prefix.get(hp, {}).get(_norm(d.name[len(cp) :]))
            if hit:
                return hit
    return None


_UNSUPPORTED = "no HIP counterpart in HIP 5.2 nor in HIP's headers up to 6.3"


def _flow(value: object) -> str:
    """A value as one-line YAML flow text (strings double-quoted when they need it)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = str(value)
    return text if re.fullmatch(r"[A-Za-z_][\w.]*", text) else json.dumps(text)


def hip_column(row: dict) -> object:
    """The `hip:` value for one draft row."""
    name = row["name"]
    if name in HAND:
        return HAND[name]
    if name in VERSION_MACROS:
        return {
            "status": "unsupported",
            "reason": "CUDA's version number has no HIP meaning; guard on "
            "__HIP_PLATFORM_AMD__ or HIP_VERSION (a different numbering) by hand",
        }
    if name in REMOVED:
        if REMOVED[name]:
            return {"status": "removed", "rename": REMOVED[name]}
        return {
            "status": "unsupported",
            "reason": REMOVED_REASON.get(name[4:8], "removed from CUDA; no HIP counterpart"),
        }
    hip = row["hip"]
    if not hip:
        what = f"enumerator of {row['enum']}" if row["kind"] == "enum" else row["kind"]
        return {"status": "unsupported", "reason": f"{_UNSUPPORTED} ({what})"}
    if row.get("hip_since"):
        return {"rename": hip, "note": f"needs HIP {row['hip_since']} or newer"}
    return hip


def write_yaml(rows: list[dict], out: Path) -> None:
    """Write one draft rule file per (api, section) under out/<api>/<section>.yaml."""
    files: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        files[(row["api"], row["section"])].append(row)
    for (api, section), items in sorted(files.items()):
        lines = [
            f"# CUDA {api} API, {section}: HIP mappings. Drafted by scripts/gen_hip_rules.py",
            "# from the CUDA 13.0 and HIP 5.2 headers (plus HIP's headers up to 6.3 for newer names);",
            "# this file is the source of truth.",
            '# `deprecated: "13.0"` means the CUDA 13.0 headers mark the API deprecated.',
            f"family: {api}",
            f"section: {section}",
            "entries:",
        ]
        for row in items:
            kind = {"enum": "enum", "function": "function", "macro": "macro"}.get(row["kind"], "type")
            entry: dict[str, object] = {"kind": kind}
            if row.get("deprecated"):
                entry["deprecated"] = "13.0"
            entry["hip"] = hip_column(row)
            if row["name"] in OPENCL_SHIM or row.get("enum") in ("cudaError", "cudaMemcpyKind"):
                entry["opencl"] = "shim"
            lines.append(f"  {row['name']}: {_flow(entry)}")
        path = out / api / f"{section}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hip-git", type=Path, help="a git checkout of the HIP repository (tags rocm-X.Y.0)")
    ap.add_argument("-o", "--out", type=Path, required=True, help="JSON draft to write")
    ap.add_argument("--yaml", type=Path, help="also write draft rule files under this folder")
    args = ap.parse_args()
    decls = cuda_decls()
    hn = hip_names(args.hip_git)
    by_prefix: dict[str, dict[str, str]] = defaultdict(dict)
    for _, hp in PREFIX_PAIRS:
        for ident in sorted(hn.idents | set(hn.since)):
            if ident.startswith(hp):
                by_prefix[hp].setdefault(_norm(ident[len(hp) :]), ident)
    draft = []
    for d in decls:
        if d.name in NOT_API:
            continue
        hip = match(d, hn, by_prefix)
        row = {**d.__dict__, "hip": hip, "hip_since": hn.since.get(hip) if hip else None}
        if d.kind == "function" and hip in hn.functions and d.params >= 0 and hn.functions[hip] != d.params:
            row["review"] = f"parameter count {d.params} vs {hn.functions[hip]}"
        draft.append(row)
    for d in REMOVED:
        draft.append(
            {
                "name": d,
                "kind": "function",
                "api": "runtime",
                "hip": None,
                "section": REMOVED_SECTION.get(d[4:8], "execution"),
            }
        )
    for name in [*NAME_OVERRIDES.values(), *(v for v in FUNCTION_OVERRIDES.values() if v)]:
        if not _exists(name, hn):
            print(f"warning: override {name} is not declared by any HIP header read", file=sys.stderr)
    args.out.write_text(json.dumps(draft, indent=1))
    if args.yaml:
        write_yaml(draft, args.yaml)
    print(
        f"{len(draft)} CUDA names, {sum(1 for r in draft if r['hip'])} with a HIP counterpart",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
